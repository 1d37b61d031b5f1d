import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Box } from './api';
import { dragBox } from './boxes';

export interface DrawnBox extends Box {
  id: string;
  label: string;
  /** kept: the requester (green); redacted: a detected track to be redacted (red); manual (yellow). */
  tone: 'kept' | 'redacted' | 'manual' | 'selected';
}

const colours: Record<DrawnBox['tone'], string> = { kept: '#2f9e44', redacted: '#e03131', manual: '#f59f00', selected: '#1c7ed6' };

/**
 * One frame (a JPEG from the server) with the boxes drawn over it as SVG, labelled. While `drawing`,
 * a drag on the image draws a new box (normalised to the frame) and hands it to `onDraw`.
 */
export function FrameView({ src, alt, boxes, drawing, onDraw, aspect }: { src: string; alt: string; boxes: DrawnBox[]; drawing: boolean; onDraw: (box: Box) => void; aspect: number }) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [current, setCurrent] = useState<{ x: number; y: number } | null>(null);
  const point = (e: PointerEvent) => {
    const r = area.current!.getBoundingClientRect();
    return { x: (e.clientX - r.left) / r.width, y: (e.clientY - r.top) / r.height };
  };
  const preview = start && current ? dragBox(start, current, 0) : null;
  return (
    <div
      ref={area}
      className="redaction-frame"
      style={{ aspectRatio: String(aspect), cursor: drawing ? 'crosshair' : 'default' }}
      data-testid="redaction-frame"
      onPointerDown={(e) => {
        if (!drawing) return;
        e.preventDefault();
        (e.target as Element).setPointerCapture?.(e.pointerId);
        setStart(point(e));
        setCurrent(point(e));
      }}
      onPointerMove={(e) => start && setCurrent(point(e))}
      onPointerUp={(e) => {
        if (!start) return;
        const box = dragBox(start, point(e));
        setStart(null);
        setCurrent(null);
        if (box) onDraw(box);
      }}
    >
      <img src={src} alt={alt} draggable={false} />
      <svg viewBox="0 0 1000 1000" preserveAspectRatio="none" role="img" aria-label={t('redaction.frame.boxesLabel', { count: boxes.length })}>
        {boxes.map((b) => (
          <g key={b.id}>
            <rect x={b.x * 1000} y={b.y * 1000} width={b.w * 1000} height={b.h * 1000} fill="none" stroke={colours[b.tone]} strokeWidth={4} vectorEffect="non-scaling-stroke" />
            <text x={b.x * 1000 + 4} y={Math.max(14, b.y * 1000 - 6)} fill={colours[b.tone]} fontSize={28} fontWeight={700}>{b.label}</text>
          </g>
        ))}
        {preview && <rect x={preview.x * 1000} y={preview.y * 1000} width={preview.w * 1000} height={preview.h * 1000} fill="rgba(245,159,0,0.25)" stroke={colours.manual} strokeDasharray="8 6" vectorEffect="non-scaling-stroke" />}
      </svg>
    </div>
  );
}
