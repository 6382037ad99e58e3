import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export function useTerminalSize(fixed?: { width: number; height: number }): { width: number; height: number } {
  const { stdout } = useStdout();
  const read = () => fixed ?? { width: stdout.columns || 80, height: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
