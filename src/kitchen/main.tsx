import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { retryPolicyFromPage } from '../net/retrySchedule.ts';
import { KitchenBoard } from './KitchenBoard.tsx';
import { DEFAULT_KITCHEN_RETRY, KitchenConnection } from './kitchenConnection.ts';
import './kitchen.css';

// One connection for the page, made outside React: StrictMode's double effects, re-renders
// and remounts only read it, so the display never holds two subscriptions.
const feed = new KitchenConnection({ retry: retryPolicyFromPage(window.location.search, 'feed', DEFAULT_KITCHEN_RETRY) }).start();
window.addEventListener('pagehide', () => feed.stop());

const root = document.getElementById('root');
if (!root) throw new Error('kitchen.html has no #root');
createRoot(root).render(
  <StrictMode>
    <KitchenBoard feed={feed} />
  </StrictMode>,
);
