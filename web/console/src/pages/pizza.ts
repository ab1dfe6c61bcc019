import { problemText } from '../api';
import type { Page, PageContext } from '../context';
import { poll } from '../context';
import { euros, h, replace, say, when } from '../dom';

interface MenuItem {
  id: string;
  name: string;
  priceCents: number;
}
interface Order {
  orderId: string;
  status: string;
  pizza: string;
  quantity: number;
  address: string;
  amountCents: number;
  createdAt: string;
  timeline?: { status: string; at: string; note: string }[];
}

const STEPS = ['PLACED', 'READY', 'ASSIGNED', 'IN_TRANSIT', 'DELIVERED'];
const rank = (status: string) => STEPS.indexOf(status);
const label = (status: string) => status.replace('_', ' ').toLowerCase();

/** What a pushed order event says the status is now. */
function statusOf(type: string, data: Record<string, unknown> | undefined): string | undefined {
  if (type === 'order.placed') return 'PLACED';
  if (type === 'order.ready') return 'READY';
  if (type === 'order.delivery-updated' && typeof data?.status === 'string') return data.status;
  return undefined;
}

/**
 * Order a pizza and watch it move: PLACED → READY → ASSIGNED → IN TRANSIT → DELIVERED. Live through the
 * WebSocket topic `order:<id>` when the stack has one (and read once after subscribing, for what happened
 * before); polled every second otherwise.
 */
export const pizzaPage: Page = (root, context) => {
  const { api } = context;
  const pizza = h('select', { id: 'pizza', name: 'pizza', 'data-testid': 'pizza-select' });
  const quantity = h('input', {
    id: 'quantity',
    type: 'number',
    min: 1,
    max: 20,
    value: 1,
    inputmode: 'numeric',
  });
  const address = h('input', {
    id: 'address',
    autocomplete: 'street-address',
    placeholder: 'Street, number, city',
  });
  const orderButton = h('button', { type: 'submit', 'data-testid': 'place-order' }, 'Order and pay');
  const message = h('p', { class: 'message', role: 'status' });
  const tracker = h('section', { class: 'card', 'data-testid': 'order-tracker', hidden: true });
  const orderList = h('ul', { class: 'list', 'data-testid': 'orders' });
  let stopFollowing = () => {};

  const form = h(
    'form',
    {
      onsubmit: async (event: Event) => {
        event.preventDefault();
        orderButton.disabled = true;
        say(message, 'Paying…');
        const answer = await api.post<Order>(
          '/orders',
          { pizza: pizza.value, quantity: Number(quantity.value), address: address.value },
          { 'idempotency-key': crypto.randomUUID() },
        );
        orderButton.disabled = false;
        if (answer.status === 202) {
          // Not failed: whether the payment went through is being confirmed. Follow the order until it is
          // placed (or failed, with nothing charged); ordering again would risk a second order.
          say(message, problemText(answer));
          const pending = await api.get<Order>(`/orders/${answer.body.orderId}`);
          if (pending.status === 200) follow(pending.body);
          void loadOrders();
          return;
        }
        if (answer.status !== 201) return say(message, problemText(answer), 'error');
        say(
          message,
          `Paid ${euros(answer.body.amountCents)}. Your order is on its way to the kitchen.`,
          'ok',
        );
        follow(answer.body);
        void loadOrders();
      },
    },
    h(
      'div',
      { class: 'row' },
      h('div', {}, h('label', { for: 'pizza' }, 'Pizza'), pizza),
      h('div', {}, h('label', { for: 'quantity' }, 'How many'), quantity),
    ),
    h('label', { for: 'address' }, 'Deliver to'),
    address,
    h('div', { class: 'actions' }, orderButton),
    message,
  );

  replace(
    root,
    h('section', { class: 'card' }, h('h2', {}, 'Order a pizza'), form),
    tracker,
    h('section', { class: 'card' }, h('h2', {}, 'Your orders'), orderList),
  );

  const showTracker = (order: Order, live: boolean) => {
    tracker.hidden = false;
    const reached = rank(order.status);
    replace(
      tracker,
      h('h2', {}, `Order ${order.orderId.slice(0, 12)}…`),
      h('div', { class: 'muted' }, `${order.quantity} × ${order.pizza} to ${order.address}`),
      h(
        'div',
        { class: 'big-status', 'data-testid': 'order-status', 'data-status': order.status },
        label(order.status),
      ),
      h(
        'ol',
        { class: 'steps' },
        ...STEPS.map((s, i) => h('li', { class: i <= reached ? 'reached' : '' }, label(s))),
      ),
      order.status === 'DELIVERED'
        ? h('span', { class: 'pill done' }, 'enjoy your meal')
        : h('span', { class: live ? 'pill live' : 'pill off' }, live ? 'live' : 'checking every second'),
      order.timeline?.length
        ? h(
            'ul',
            { class: 'list' },
            ...order.timeline.map((t) =>
              h(
                'li',
                {},
                h('span', { class: 'grow' }, t.note || label(t.status)),
                h('span', { class: 'muted' }, when(t.at)),
              ),
            ),
          )
        : null,
    );
  };

  const follow = (order: Order) => {
    stopFollowing();
    let current = order;
    const live = Boolean(context.live);
    const update = (next: Order) => {
      if (rank(next.status) < rank(current.status)) return; // a late answer never takes it back
      const moved = next.status !== current.status;
      current = { ...current, ...next, timeline: next.timeline ?? current.timeline };
      showTracker(current, live);
      if (moved) void loadOrders();
    };
    showTracker(current, live);
    const refresh = async () => {
      const answer = await api.get<Order>(`/orders/${order.orderId}`);
      if (answer.status === 200) update(answer.body);
      return current.status === 'DELIVERED';
    };
    if (context.live) {
      const unsubscribe = context.live.subscribe(`order:${order.orderId}`, (message) => {
        const status = statusOf(message.type, message.data);
        if (message.type === 'subscribed') void refresh();
        else if (status) update({ ...current, status, timeline: undefined });
        if (status === 'DELIVERED') void refresh();
      });
      void refresh();
      stopFollowing = unsubscribe;
    } else {
      stopFollowing = poll(refresh, 1000, 10 * 60_000);
    }
  };

  const loadOrders = async () => {
    // The newest ten: one page (GET /orders pages its answer; `nextCursor` would fetch the older ones).
    const answer = await api.get<{ orders: Order[]; nextCursor?: string | null }>('/orders?limit=10');
    const orders = (answer.body.orders ?? []).slice(0, 10);
    replace(
      orderList,
      ...(orders.length === 0 ? [h('li', { class: 'muted' }, 'No orders yet.')] : []),
      ...orders.map((o) =>
        h(
          'li',
          {},
          h(
            'div',
            { class: 'grow' },
            `${o.quantity} × ${o.pizza}`,
            h('div', { class: 'muted' }, `${when(o.createdAt)} · ${euros(o.amountCents)}`),
          ),
          h('span', { class: 'pill' }, label(o.status)),
          h('button', { class: 'small secondary', onclick: () => follow(o) }, 'Follow'),
        ),
      ),
    );
  };

  void (async () => {
    const menu = await api.get<{ pizzas: MenuItem[] }>('/menu');
    replace(
      pizza,
      ...(menu.body.pizzas ?? []).map((p) =>
        h('option', { value: p.id }, `${p.name} — ${euros(p.priceCents)}`),
      ),
    );
    await loadOrders();
  })();
  return () => stopFollowing();
};

export type { PageContext };
