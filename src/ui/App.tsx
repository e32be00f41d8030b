import { CartPanel } from './CartPanel.tsx';
import { Conversation } from './Conversation.tsx';
import { PushToTalkButton } from './PushToTalkButton.tsx';
import { StatusLine } from './StatusLine.tsx';

export function App() {
  return (
    <main className="kiosk">
      <header className="kiosk__header">
        <h1>Order by voice</h1>
      </header>
      <Conversation />
      <CartPanel />
      <div className="kiosk__controls">
        <PushToTalkButton />
        <StatusLine />
      </div>
    </main>
  );
}
