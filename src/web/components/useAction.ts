import { useCallback, useState } from 'react';
import { App } from 'antd';
import { errorMessage } from './formErrors';

/**
 * A button's action (a workflow move, a check): busy while it runs, its outcome as a toast — the success text
 * given, or the server's error in the caller's language. Resolves true when it succeeded.
 */
export function useAction() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string): Promise<boolean> => {
      setBusy(true);
      try {
        await action();
        if (success) void message.success(success);
        return true;
      } catch (e) {
        void message.error(errorMessage(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message],
  );
  return { busy, run };
}
