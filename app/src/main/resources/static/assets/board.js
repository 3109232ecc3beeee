// The board, read from the same endpoints API clients use (GET /api/board, /api/board/cards), so its counts and totals
// are the API's. Everything users typed is put into the page as text (textContent), never as markup.
const query = new URLSearchParams(location.search);
const pipeline = query.get('pipeline') ?? 'default';
// how many cards each stage shows before "More" (the API's default when absent)
const cardsPerStage = query.get('cardsPerStage');

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (response.status === 401) {
    location.assign('/login');
    throw new Error('signed out');
  }
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.detail ?? body.title ?? `HTTP ${response.status}`);
  }
  return body;
}

function show(problem) {
  const element = document.getElementById('problem');
  element.textContent = problem.message;
  element.hidden = false;
}

function text(root, selector, value) {
  root.querySelector(selector).textContent = value ?? '';
}

function renderCard(card, money) {
  const item = document.getElementById('card').content.firstElementChild.cloneNode(true);
  item.dataset.id = card.id;
  const name = item.querySelector('.name');
  name.textContent = card.name;
  name.href = `/api/opportunities/${encodeURIComponent(card.id)}`;
  text(item, '.account', card.account);
  text(item, '.owner', card.owner);
  text(item, '.amount', card.amount == null ? '' : money.format(Number(card.amount)));
  text(item, '.close-date', card.closeDate ? `closes ${card.closeDate}` : '');
  text(item, '.outlook', card.outlook);
  text(item, '.days', `${card.daysInStage} d in stage`);
  item.querySelector('.stale').hidden = !card.stale;
  item.querySelector('.overdue').hidden = !card.closeDateOverdue;
  return item;
}

function renderColumn(stage, money) {
  const column = document.getElementById('column').content.firstElementChild.cloneNode(true);
  column.dataset.stage = stage.stage;
  text(column, '.stage', stage.displayName);
  text(column, '.count', String(stage.count));
  text(column, '.total', money.format(Number(stage.totalAmount)));
  column.dataset.total = stage.totalAmount;
  const cards = column.querySelector('.cards');
  stage.cards.forEach(card => cards.append(renderCard(card, money)));
  const more = column.querySelector('.more');
  let next = stage.next;
  more.hidden = !next;
  more.addEventListener('click', async () => {
    try {
      const page = await getJson(`/api/board/cards?pipeline=${encodeURIComponent(pipeline)}`
        + `&stage=${encodeURIComponent(stage.stage)}&after=${encodeURIComponent(next)}`
        + (cardsPerStage ? `&limit=${encodeURIComponent(cardsPerStage)}` : ''));
      page.cards.forEach(card => cards.append(renderCard(card, money)));
      next = page.next;
      more.hidden = !next;
    } catch (problem) {
      show(problem);
    }
  });
  return column;
}

async function start() {
  const session = await getJson('/api/session');
  document.getElementById('user').textContent = `${session.user} (${session.roles.join(', ')})`;
  document.getElementById('csrf').value = session.csrfToken ?? '';
  const board = await getJson(`/api/board?pipeline=${encodeURIComponent(pipeline)}`
    + (cardsPerStage ? `&cardsPerStage=${encodeURIComponent(cardsPerStage)}` : ''));
  const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: board.currency });
  document.title = `${board.displayName} · Pipeline Ledger`;
  text(document, '#pipeline', board.displayName);
  text(document, '#summary', `${board.openCount} open deals, ${money.format(Number(board.openAmount))}`);
  document.getElementById('board').replaceChildren(...board.stages.map(stage => renderColumn(stage, money)));
}

start().catch(show);
