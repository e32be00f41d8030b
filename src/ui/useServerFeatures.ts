/** The server's answer on which technician tools the page may show; all off until it arrives. */

import { useEffect, useState } from 'react';
import { fetchServerFeatures, NO_SERVER_FEATURES, type ServerFeatures } from '../voice/serverFeatures.ts';

export function useServerFeatures(): ServerFeatures {
  const [features, setFeatures] = useState<ServerFeatures>(NO_SERVER_FEATURES);
  useEffect(() => {
    const controller = new AbortController();
    void fetchServerFeatures('/api/health', controller.signal).then((answer) => {
      if (!controller.signal.aborted) setFeatures(answer);
    });
    return () => controller.abort();
  }, []);
  return features;
}
