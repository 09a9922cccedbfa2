import { render } from 'preact';
import { requestPersistentStorage } from '@/lib/db';
import { App } from './App';
import '@/components/styles.css';
import '@/components/dashboard/dashboard.css';

function main() {
  void requestPersistentStorage();
  render(<App />, document.getElementById('app')!);
}

main();
