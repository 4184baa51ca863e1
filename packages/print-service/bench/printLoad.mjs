// The print load of stickers.bench.mjs part 6, in a process of its own so that reading the PDFs
// never delays the measuring client's event loop: `clients` clients post `size`-sticker jobs to
// `base` in a loop, reading each PDF as it streams and dropping it, until stdin closes. Prints the
// stickers received per second when it ends.
const [base, key, clients, size] = process.argv.slice(2);
const subjects = Array.from({ length: Number(size) }, (_, i) => ({ kind: 'employer', id: `LOAD${i}`, name: `CV Usaha ${i}`, villageCode: '3271011001', rw: 3, rt: 5, npp: String(15070000 + i), status: 'active' }));
const body = JSON.stringify({ subjects });
let stop = false;
let stickers = 0;
const started = performance.now();
process.stdin.on('end', () => (stop = true)).resume();
await Promise.all(
  Array.from({ length: Number(clients) }, async () => {
    while (!stop) {
      const res = await fetch(`${base}/v1/stickers?facts=request`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      for await (const _chunk of res.body) if (stop) break;
      if (res.status === 200) stickers += Number(size);
    }
  }),
);
process.stdout.write(`${(stickers / (performance.now() - started)) * 1000}\n`);
