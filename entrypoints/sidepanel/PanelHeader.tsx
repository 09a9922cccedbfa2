import { useState } from 'preact/hooks';
import { openDashboard } from '@/lib/browser/pages';
import { ShortcutHelp } from '@/components/ShortcutHelp';

/** Single-key shortcuts on or off: a preference of this device, not audit data (the page's localStorage). */
export function useSingleKeys(): [boolean, (on: boolean) => void] {
  const [singleKeys, setSingleKeys] = useState(() => localStorage.getItem('ms-single-keys') !== 'off');
  return [
    singleKeys,
    (on) => {
      localStorage.setItem('ms-single-keys', on ? 'on' : 'off');
      setSingleKeys(on);
    },
  ];
}

interface Props {
  helpOpen: boolean;
  onHelp(open: boolean): void;
  shortcut: string;
  singleKeys: boolean;
  onSingleKeys(on: boolean): void;
}

/** The panel's title bar, its way to the dashboard, and the keyboard help it opens. */
export function PanelHeader({ helpOpen, onHelp, shortcut, singleKeys, onSingleKeys }: Props) {
  return (
    <>
      <header class="app-header">
        <span class="logo" aria-hidden="true">◎</span>
        <h1>Mystery Shopper</h1>
        <button type="button" class="link header-help" onClick={() => void openDashboard()}>
          Dashboard
        </button>
        <button type="button" class="link" aria-keyshortcuts="?" onClick={() => onHelp(true)}>
          Keyboard shortcuts
        </button>
      </header>
      <ShortcutHelp open={helpOpen} browserShortcut={shortcut} singleKeys={singleKeys} onSingleKeys={onSingleKeys} onClose={() => onHelp(false)} />
    </>
  );
}
