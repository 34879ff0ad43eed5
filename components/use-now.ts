/** The current time, ticking every second while `active` (for "resumes in 12 s"). */
import { useEffect, useState } from 'preact/hooks';

export function useNow(active: boolean, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active) return;
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), 1000);
    return () => clearInterval(timer);
  }, [active, clock]);
  return active ? now : clock();
}
