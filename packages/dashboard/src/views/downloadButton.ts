/** A button that downloads a file from the API (a PDF, a CSV), saying so while it works and when it is done. */
import { saveFile } from '../api.js';
import type { ViewContext } from '../context.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function downloadButton(ctx: ViewContext, label: string, fileName: string, fetchFile: () => Promise<Blob>, id: string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'action', id }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = t('downloading');
    try {
      saveFile(await fetchFile(), fileName);
      ctx.announce(t('downloaded', { file: fileName }));
    } catch (err) {
      ctx.announce(t('error', { message: (err as Error).message }));
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
  return button;
}

