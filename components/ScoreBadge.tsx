import { formatScore, scoreTone } from '@/lib/scoring/alignment';

export function ScoreBadge({ score, label }: { score: number | null; label: string }) {
  return (
    <span role="img" class={`score-badge tone-${scoreTone(score)}`} aria-label={`${label}: ${score === null ? 'not scored' : formatScore(score)}`}>
      {formatScore(score)}
    </span>
  );
}
