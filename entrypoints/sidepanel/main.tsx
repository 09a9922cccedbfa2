import { render } from 'preact';
import { browser } from 'wxt/browser';
import { requestPersistentStorage } from '@/components/data/reads';
import { App } from './App';
import '@/components/styles.css';

async function main() {
  void requestPersistentStorage();
  const param = new URLSearchParams(location.search).get('tab');
  const boundTabId = param !== null && /^\d+$/.test(param) ? Number(param) : null;
  const commands = await browser.commands.getAll().catch(() => []);
  const shortcut = commands.find((c) => c.name === 'capture-step')?.shortcut ?? '';
  render(<App boundTabId={boundTabId} shortcut={shortcut} />, document.getElementById('app')!);
}

void main();
