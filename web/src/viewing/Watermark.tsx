import { useEffect, useState, type ReactNode } from 'react';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';

/** The viewer's name and the current time over the picture (issue 6 item 5: a deterrent against filming the screen). */
export function Watermark({ viewer, children }: { viewer: string; children: ReactNode }) {
  const language = currentLanguage();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <div className="viewing-player" style={{ position: 'relative', background: '#000', maxWidth: 960 }}>
      {children}
      <div
        aria-hidden="true"
        data-testid="viewing-watermark"
        style={{
          position: 'absolute', inset: 0, pointerEvents: 'none', display: 'flex', alignItems: 'center', justifyContent: 'center',
          color: 'rgba(255,255,255,0.35)', fontSize: '1.6rem', fontWeight: 700, textAlign: 'center', transform: 'rotate(-18deg)', textShadow: '0 0 3px rgba(0,0,0,0.6)',
        }}
      >
        {viewer} · {formatDateTime(now.toISOString(), language)}
      </div>
    </div>
  );
}
