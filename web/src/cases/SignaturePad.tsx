import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type PointerEvent } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface SignaturePadHandle {
  /** The drawing as a PNG data URL, or null when nothing was drawn. */
  toPng(): string | null;
  clear(): void;
}

/**
 * A small canvas to sign on with a mouse, pen or finger. Pointer events cover all three; the
 * drawing is exported as a PNG that the server embeds in the signed PDF. (People who cannot draw
 * sign on paper and the scan is uploaded instead.)
 */
export const SignaturePad = forwardRef<SignaturePadHandle, { label: string; onChange?: (drawn: boolean) => void }>(function SignaturePad({ label, onChange }, ref) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    // Draw at the device's pixel density so the signature is sharp in the PDF.
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    element.width = element.clientWidth * ratio;
    element.height = element.clientHeight * ratio;
    const context = element.getContext('2d');
    if (!context) return;
    context.scale(ratio, ratio);
    context.lineWidth = 2.2;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = '#10243e';
  }, []);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    const { x, y } = point(event);
    context.beginPath();
    context.moveTo(x, y);
  };

  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    const context = canvas.current?.getContext('2d');
    if (!drawing.current || !context) return;
    const { x, y } = point(event);
    context.lineTo(x, y);
    context.stroke();
    if (!drawn) {
      setDrawn(true);
      onChange?.(true);
    }
  };

  const end = () => {
    drawing.current = false;
  };

  const clear = () => {
    const element = canvas.current;
    element?.getContext('2d')?.clearRect(0, 0, element.width, element.height);
    setDrawn(false);
    onChange?.(false);
  };

  useImperativeHandle(ref, () => ({ toPng: () => (drawn && canvas.current ? canvas.current.toDataURL('image/png') : null), clear }), [drawn]);

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="signature-pad-label">
        {label}
      </Text>
      <canvas
        ref={canvas}
        className="signature-pad"
        role="img"
        aria-labelledby="signature-pad-label"
        aria-describedby="signature-pad-hint"
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerLeave={end}
        data-testid="signature-pad"
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed" id="signature-pad-hint">
          {drawn ? t('cases.signature.drawn') : t('cases.signature.hint')}
        </Text>
        <Button variant="subtle" size="xs" onClick={clear} disabled={!drawn}>
          {t('cases.signature.clear')}
        </Button>
      </Group>
    </Stack>
  );
});
