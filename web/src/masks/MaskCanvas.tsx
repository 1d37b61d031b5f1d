import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaskPoint, MaskPolygon } from './api';

const W = 1000;
const H = 562.5;

/**
 * The drawing surface: the camera's last frame (masks burnt in) or a blank 16:9 area, with the
 * polygons on top. A click adds a corner to the selected polygon; the corners are also editable
 * as numbers in the list beside it, so drawing does not need a mouse.
 */
export function MaskCanvas({ still, polygons, selected, onAdd }: { still: string | null; polygons: MaskPolygon[]; selected: number | null; onAdd: (p: MaskPoint) => void }) {
  const { t } = useTranslation();
  const [stillFailed, setStillFailed] = useState(false);

  function click(e: MouseEvent<SVGSVGElement>) {
    if (selected === null) return;
    const box = e.currentTarget.getBoundingClientRect();
    const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000;
    onAdd({ x: round((e.clientX - box.left) / box.width), y: round((e.clientY - box.top) / box.height) });
  }

  return (
    <div className="mask-canvas">
      {still && !stillFailed ? (
        <img src={still} alt={t('masks.stillAlt')} onError={() => setStillFailed(true)} />
      ) : (
        <div className="mask-canvas-blank" role="img" aria-label={t('masks.noStill')}>{t('masks.noStill')}</div>
      )}
      <svg
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        onClick={click}
        data-testid="mask-canvas"
        aria-label={selected === null ? t('masks.canvasIdle') : t('masks.canvasDrawing', { name: polygons[selected]?.name ?? '' })}
        role="img"
        style={{ cursor: selected === null ? 'default' : 'crosshair' }}
      >
        {polygons.map((polygon, i) => (
          <g key={i}>
            <polygon
              points={polygon.points.map((p) => `${p.x * W},${p.y * H}`).join(' ')}
              fill={i === selected ? 'rgba(250, 82, 82, 0.45)' : 'rgba(0, 0, 0, 0.55)'}
              stroke={i === selected ? '#fa5252' : '#ffffff'}
              strokeWidth={3}
            />
            {polygon.points.map((p, k) => <circle key={k} cx={p.x * W} cy={p.y * H} r={6} fill={i === selected ? '#fa5252' : '#ffffff'} />)}
          </g>
        ))}
      </svg>
    </div>
  );
}
