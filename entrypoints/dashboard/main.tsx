import { render } from 'preact';
import { openDatabase, requestPersistentStorage } from '@/components/data/reads';
import { App } from './App';
import '@/components/styles.css';
import '@/components/dashboard/dashboard.css';

function main() {
  openDatabase();
  void requestPersistentStorage();
  render(<App />, document.getElementById('app')!);
}

main();
