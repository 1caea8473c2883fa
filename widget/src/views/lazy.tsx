import type { FunctionComponent } from 'preact';
import { useCtx } from '../context';
import { SCRIPT_URL } from '../shared';
import { useFetch } from '../use-fetch';
import { Loaded } from './status';

type ManagerViews = Record<'DashboardView' | 'RulesView', FunctionComponent>;
let loading: Promise<ManagerViews> | null = null;

/** Loads public/widget-manager.js once, beside this script; a failed load may be tried again. */
function managerViews(): Promise<ManagerViews> {
  const ready = (globalThis as unknown as { ShopQAManager?: ManagerViews }).ShopQAManager;
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise<ManagerViews>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('widget-manager.js', SCRIPT_URL).href;
    script.onload = () => resolve((globalThis as unknown as { ShopQAManager: ManagerViews }).ShopQAManager);
    script.onerror = () => {
      loading = null;
      script.remove();
      reject(new Error('widget-manager.js'));
    };
    document.head.append(script);
  });
  return loading;
}

/** A view of the manager views' script, shown once it has loaded (loading and error states like any fetch). */
export function LazyView({ name }: { name: keyof ManagerViews }) {
  const { t } = useCtx();
  const [state, retry] = useFetch(managerViews, []);
  return (
    <Loaded state={state} t={t} retry={retry}>
      {(views) => {
        const View = views[name];
        return <View />;
      }}
    </Loaded>
  );
}
