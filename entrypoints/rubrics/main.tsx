import { render } from 'preact';
import { requestPersistentStorage } from '@/components/data/reads';
import { App } from './App';
import '@/components/styles.css';
import '@/components/rubric-editor.css';

function main() {
  void requestPersistentStorage();
  render(<App />, document.getElementById('app')!);
}

main();
