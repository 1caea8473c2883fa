import { useRef, useState } from 'preact/hooks';
import type { CoachingTask } from '../coaching-types';
import { useCtx } from '../context';
import { formatDay, formatWhen } from '../dates';
import { useFetch } from '../use-fetch';
import { useNote } from '../use-note';
import { pick } from '../words';
import { Empty, ErrorNote, Loaded, RequiredText } from './status';

/** The note of a 1:1 session; it takes the focus when it opens and gives it back on cancel. */
function DoneForm({ task, onDone, onCancel }: { task: CoachingTask; onDone: () => void; onCancel: () => void }) {
  const { api, t } = useCtx();
  const note = useNote({ autoFocus: true });
  const id = `task-${task.id}`;
  const submit = (e: Event) => {
    e.preventDefault();
    return note.send(async (text) => {
      await api.post(`/v1/coaching/tasks/${encodeURIComponent(task.id)}/done`, { note: text });
      onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('taskFor', { agent: task.agentName })}>
      <RequiredText id={id} name="note" label={t('taskNote')} note={note} errorText={t('noteRequired')} rows={3} maxLength={2000} />
      {note.state instanceof Error && <ErrorNote error={note.state} t={t} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={note.state === 'saving'}>
          {note.state === 'saving' ? t('saving') : t('markDone')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** *1:1 coaching*: sessions to hold with unstable agents, each marked done with a note. */
export function TasksView() {
  const { api, t, locale, me } = useCtx();
  const [editing, setEditing] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const note = useRef<HTMLParagraphElement>(null);
  const openers = useRef(new Map<string, HTMLButtonElement | null>());
  const [state, reload] = useFetch(() => api.get<{ data: CoachingTask[] }>('/v1/coaching/tasks'), []);
  return (
    <section aria-labelledby="tasks-title">
      <h3 id="tasks-title">{t('tabTasks')}</h3>
      <p ref={note} tabIndex={-1} role="status" class="meta">
        {result}
      </p>
      <Loaded state={state} t={t} retry={reload}>
        {({ data }) =>
          data.length === 0 ? (
            <Empty text={t('tasksEmpty')} />
          ) : (
            <ul class="rows">
              {data.map((task) => (
                <li key={task.id}>
                  <h4 id={`task-h-${task.id}`}>{t('taskFor', { agent: task.agentName })}</h4>
                  <p>
                    {pick(task.reasonText, locale)} · {formatDay(task.date, locale)}
                  </p>
                  {task.status === 'done' ? (
                    <p class="meta">
                      ✓ {t('doneOn', { when: task.doneAt ? formatWhen(task.doneAt, me.store.timezone, locale) : '' })}
                      {task.note ? ` “${task.note}”` : ''}
                    </p>
                  ) : editing === task.id ? (
                    <DoneForm
                      task={task}
                      onCancel={() => {
                        setEditing(null);
                        setTimeout(() => openers.current.get(task.id)?.focus());
                      }}
                      onDone={() => {
                        setEditing(null);
                        setResult(t('taskDone', { agent: task.agentName }));
                        reload();
                        setTimeout(() => note.current?.focus());
                      }}
                    />
                  ) : (
                    <button
                      type="button"
                      aria-describedby={`task-h-${task.id}`}
                      ref={(el) => void openers.current.set(task.id, el)}
                      onClick={() => setEditing(task.id)}
                    >
                      {t('markDone')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
