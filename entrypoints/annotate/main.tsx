import { render } from 'preact';
import { requestPersistentStorage } from '@/lib/db';
import { App } from './App';
import '@/components/styles.css';
import '@/components/annotate/annotate.css';

function main() {
  void requestPersistentStorage();
  const screenshotId = new URLSearchParams(location.search).get('screenshot');
  render(<App screenshotId={screenshotId} />, document.getElementById('app')!);
}

main();
