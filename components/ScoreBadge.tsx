import { formatScore } from '@/lib/scoring';

/** Bands used for colour only; the number is always shown so colour is never the sole cue. */
export function scoreTone(score: number | null): 'none' | 'low' | 'mid' | 'high' {
  if (score === null) return 'none';
  if (score < 40) return 'low';
  if (score < 70) return 'mid';
  return 'high';
}

export function ScoreBadge({ score, label }: { score: number | null; label: string }) {
  return (
    <span role="img" class={`score-badge tone-${scoreTone(score)}`} aria-label={`${label}: ${score === null ? 'not scored' : formatScore(score)}`}>
      {formatScore(score)}
    </span>
  );
}
