import { render } from 'preact';
import { browser } from 'wxt/browser';
import { App } from './App';
import '@/components/styles.css';
import './popup.css';

async function main() {
  // Known before any click: opening the side panel must happen inside the click itself, and an
  // await before it would lose the user gesture Chrome requires.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  render(<App tabId={tab?.id ?? null} windowId={tab?.windowId ?? null} />, document.getElementById('app')!);
}

void main();
