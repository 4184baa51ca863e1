/**
 * The command's help texts. No imports: \`cakupan --help\` prints them without loading core.
 */

/** Core's REGION_LEVELS, written out so that the help needs nothing loaded (a test keeps them equal). */
export const LEVELS = 'province,city,district,village,rw,rt';

export const HELP = {
  main: `cakupan — BPJS Ketenagakerjaan coverage from the population register and participant exports

Usage:
  cakupan coverage --residents R.csv --participants P.csv --as-of YYYY-MM-DD [options]
  cakupan import --kind residents|participants|employers --file F.csv [--as-of YYYY-MM-DD] [--store DIR]
  cakupan generate --adults N --out DIR [--region CODE] [--seed S]
  cakupan regions CODE [--format json]
  cakupan <command> --help

Commands:
  coverage   coverage per region down to RT, from the CSV exports
  import     import an export into the monitoring store (the one the print service serves)
  generate   write a synthetic city or regency as CSV (for demos, tests, benchmarks)
  regions    a region's name, level and the regions one level below (any of Indonesia)
`,
  import: `cakupan import — import an export into the monitoring store, or undo an import

Usage:
  cakupan import --kind residents|participants|employers --file F.csv [options]
  cakupan import --revert ID

Options:
  --kind KIND         residents (replaces the register of its cities), participants (upserted by KPJ),
                      employers (by id)
  --file FILE         the export, CSV (, or ;) or an Excel workbook (.xlsx): canonical, SIAK or
                      OpenSID columns, recognised by their names; dates as YYYY-MM-DD, DD-MM-YYYY,
                      DD/MM/YYYY, 7 Juni 1995 or Excel's own
  --sheet NAME        the workbook's sheet (default the first)
  --as-of DATE        the export's own date, YYYY-MM-DD (a residents snapshot: 30 June or 31 December)
  --preset P          canonical, siak or opensid: a hint, when the header is not recognised
  --columns MAP       the file's headers by canonical column: nik=NO_NIK,birth_date=TGL_LAHIR
  --date-order O      dmy or mdy, for dates such as 03/04/2017 (default: the order the file's dates show)
  --village-code C    the village of every row (an OpenSID export of one desa)
  --dry-run           say what importing would do (rows, register and accounts, coverage before →
                      after) and change nothing
  --confirm TOKEN     apply a file the dry run asked about (it removes much, is older, moves accounts)
  --revert ID         undo import ID: the register and accounts return to what they were before it
  --store DIR         the embedded store's folder (default: the one \`pnpm start\` uses,
                      packages/print-service/.data/store, or DATA_DIR/store); with
                      DATABASE_URL=postgres://… in the environment, that PostgreSQL server instead
  -h, --help          this help

Exit status: 0 imported (or in force already, or a dry run with usable rows), 1 not imported (no
usable row, a guard asks for --confirm, the file unreadable), 2 a mistake in the command line.
The embedded store is one process's at a time: stop the service that has it open first (or share a
PostgreSQL server).
`,
  coverage: `cakupan coverage — coverage per region from the CSV exports

Usage:
  cakupan coverage --residents R.csv --participants P.csv --as-of YYYY-MM-DD [options]

Options:
  --residents FILE      population register: nik,kk,name,birth_date,sex,village_code,rw,rt[,occupation]
                        (occupation, SIAK's JENIS_PKRJN, adds the workers 18+ columns)
  --participants FILE   BPJS TK accounts: nik,kpj,segment,status,registered_on,ended_on,employer_npp
  --employers FILE      employers: id,name,village_code,rw,rt,npp,status (adds employer compliance)
  --as-of DATE          reference date, YYYY-MM-DD (ages and account activity are taken on it)
  --level LIST          comma-separated levels of ${LEVELS} (default: all)
  --format FORMAT       table (default), json or csv
  --rejects FILE        also write every rejected row (file,line,column,code,message) as CSV
  --preset siak         residents file in the civil registry's SIAK columns (NIK, NO_KK, TGL_LHR DD-MM-YYYY, …)
  --min-age N           minimum age of the eligible population (default 18)
  --threads N           threads reading the residents file (default: the machine's cores, at most 4;
                        1 reads it on one thread; the figures are the same)
  -h, --help            this help

Every row is used or rejected with its line, column and reason; the summary says read = used + rejected.
`,
  generate: `cakupan generate — a synthetic, realistic city or regency in the canonical CSV columns

Usage:
  cakupan generate --adults N --out DIR [--region CODE] [--seed S] [--as-of YYYY-MM-DD]

Writes DIR/residents.csv, DIR/participants.csv and DIR/employers.csv: real district and village
codes, RW/RT, valid NIKs, the PU/BPU mix of the 2017 figures, duplicates, commuters, inactive
accounts. Kota Bogor 2017 had 600,815 adults.

Options:
  --adults N      residents aged 18+ (minors are added, about 0.45 per adult)
  --out DIR       folder to write (created if needed)
  --region CODE   the city or regency (or province, district) whose villages they live in, from the
                  region table: 3276 Kota Depok, 3201 Kabupaten Bogor (default 3271, Kota Bogor)
  --seed S        random seed (default 1); the same seed gives the same files
  --as-of DATE    reference date the ages are built around (default 2017-12-31)
  -h, --help      this help
`,
  regions: `cakupan regions — a region and the regions one level below it

Usage:
  cakupan regions CODE [--format json]

CODE is a Kemendagri code with or without dots (3276, 32.76.01). Prints the region's name and
level, then one line per child: its code, name and level (a province's regencies and cities, a
city's districts, a district's villages; nothing below a village, whose RW and RT come with each
address). From the region table (Kepmendagri; idn-area-data, ODbL 1.0).

Options:
  --format json   one JSON object { region, level, name, word, children }
  -h, --help      this help
`,
};
