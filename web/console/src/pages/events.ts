import { problemText } from '../api';
import type { Page } from '../context';
import { h, replace, say, when } from '../dom';

interface CalendarEvent {
  id: string;
  name: string;
  description: string;
  startsAt: string;
  location: string;
  capacity: number;
  placesLeft: number;
  organizerId: string;
  status: string;
}

/** A local datetime-local value an hour from now (the default start of a new event). */
const inAnHour = () => {
  const d = new Date(Date.now() + 3600_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * Upcoming events (soonest first): register and unregister; organizers and admins create and cancel. The list is
 * read again whenever the `events` topic pushes a change, so an event created in another window appears here
 * within a moment.
 */
export const eventsPage: Page = (root, { api, me, live }) => {
  const mayCreate = me.groups.includes('organizers') || me.groups.includes('admins');
  const list = h('ul', { class: 'list', 'data-testid': 'events' });
  const listMessage = h('p', { class: 'message', role: 'status' });
  const liveState = h(
    'span',
    { class: live?.connected ? 'pill live' : 'pill off', 'data-testid': 'events-live' },
    live?.connected ? 'live' : 'connecting…',
  );
  const registered = new Set<string>();
  let known = new Set<string>();
  let firstLoad = true;

  const name = h('input', { id: 'event-name', required: true, maxlength: 120 });
  const startsAt = h('input', {
    id: 'event-starts',
    type: 'datetime-local',
    required: true,
    value: inAnHour(),
  });
  const location = h('input', { id: 'event-location', required: true, maxlength: 200 });
  const capacity = h('input', {
    id: 'event-capacity',
    type: 'number',
    min: 1,
    max: 1000,
    value: 20,
    inputmode: 'numeric',
  });
  const description = h('textarea', { id: 'event-description', maxlength: 2000 });
  const createMessage = h('p', { class: 'message', role: 'status' });
  const createButton = h('button', { type: 'submit', 'data-testid': 'create-event' }, 'Create event');
  const createForm = h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        createButton.disabled = true;
        const answer = await api.post<CalendarEvent>('/events', {
          name: name.value,
          description: description.value,
          startsAt: new Date(startsAt.value).toISOString(),
          location: location.value,
          capacity: Number(capacity.value),
        });
        createButton.disabled = false;
        if (answer.status !== 201) return say(createMessage, problemText(answer), 'error');
        say(createMessage, `“${answer.body.name}” is on the calendar.`, 'ok');
        name.value = '';
        description.value = '';
        void load();
      },
    },
    h('label', { for: 'event-name' }, 'Name'),
    name,
    h(
      'div',
      { class: 'row' },
      h('div', {}, h('label', { for: 'event-starts' }, 'Starts'), startsAt),
      h('div', {}, h('label', { for: 'event-capacity' }, 'Places'), capacity),
    ),
    h('label', { for: 'event-location' }, 'Where'),
    location,
    h('label', { for: 'event-description' }, 'Description'),
    description,
    h('div', { class: 'actions' }, createButton),
    createMessage,
  );

  replace(
    root,
    h('section', { class: 'card' }, h('h2', {}, 'Upcoming events ', liveState), list, listMessage),
    mayCreate ? h('section', { class: 'card' }, h('h2', {}, 'New event'), createForm) : null,
  );

  const act = async (e: CalendarEvent, action: 'register' | 'unregister' | 'cancel') => {
    const answer =
      action === 'register'
        ? await api.post(`/events/${e.id}/registrations`, {})
        : action === 'unregister'
          ? await api.delete(`/events/${e.id}/registrations/me`)
          : await api.delete(`/events/${e.id}`);
    const code = (answer.body as { code?: string }).code;
    if (action === 'register' && (answer.status === 201 || code === 'ALREADY_REGISTERED'))
      registered.add(e.id);
    if (action === 'unregister' && answer.status < 300) registered.delete(e.id);
    if (answer.status >= 300 && code !== 'ALREADY_REGISTERED') say(listMessage, problemText(answer), 'error');
    else
      say(
        listMessage,
        action === 'register'
          ? `You are registered for “${e.name}”.`
          : action === 'unregister'
            ? `You gave your place at “${e.name}” back.`
            : `“${e.name}” is cancelled.`,
        'ok',
      );
    void load();
  };

  const row = (e: CalendarEvent, fresh: boolean) =>
    h(
      'li',
      { 'data-event-id': e.id, class: fresh ? 'fresh' : '' },
      h(
        'div',
        { class: 'grow' },
        h('strong', { 'data-testid': 'event-name' }, e.name),
        h('div', { class: 'muted' }, `${when(e.startsAt)} · ${e.location}`),
        h(
          'div',
          { class: 'muted' },
          e.status === 'CANCELLED' ? 'cancelled' : `${e.placesLeft} of ${e.capacity} places left`,
        ),
      ),
      registered.has(e.id)
        ? h('button', { class: 'small secondary', onclick: () => act(e, 'unregister') }, 'Unregister')
        : h(
            'button',
            {
              class: 'small',
              disabled: e.placesLeft === 0 || e.status === 'CANCELLED',
              onclick: () => act(e, 'register'),
            },
            e.placesLeft === 0 ? 'Full' : 'Register',
          ),
      me.groups.includes('admins') || e.organizerId === me.userId
        ? h('button', { class: 'small secondary', onclick: () => act(e, 'cancel') }, 'Cancel event')
        : null,
    );

  let loading: Promise<void> | undefined;
  let again = false;
  const load = async (): Promise<void> => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      const answer = await api.get<{ events: CalendarEvent[] }>('/events?limit=50');
      if (answer.status !== 200) return say(listMessage, problemText(answer), 'error');
      const events = (answer.body.events ?? []).filter((e) => e.status !== 'CANCELLED');
      replace(
        list,
        ...(events.length === 0 ? [h('li', { class: 'muted' }, 'Nothing planned yet.')] : []),
        ...events.map((e) => row(e, !firstLoad && !known.has(e.id))),
      );
      known = new Set(events.map((e) => e.id));
      firstLoad = false;
    })().finally(() => {
      loading = undefined;
    });
    await loading;
    if (again) {
      again = false;
      await load();
    }
  };

  const unsubscribe = live?.subscribe('events', (message) => {
    if (message.type === 'subscribed') {
      liveState.textContent = 'live';
      liveState.className = 'pill live';
    }
    void load();
  });
  void load();
  return () => unsubscribe?.();
};
