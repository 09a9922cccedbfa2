import { render } from 'preact';
import { requestPersistentStorage } from '@/components/data/reads';
import { App } from './App';
import '@/components/styles.css';
import '@/components/annotate/annotate.css';

function main() {
  void requestPersistentStorage();
  const screenshotId = new URLSearchParams(location.search).get('screenshot');
  render(<App screenshotId={screenshotId} />, document.getElementById('app')!);
}

main();
