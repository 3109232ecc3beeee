// The board, read from the same endpoints API clients use (GET /api/board, /api/board/cards), so its counts and totals
// are the API's (for one owner with ?owner=, as the API's own filter). A card moves by drag and drop or by its "Move to" menu: forward is one command; backward first asks
// why, as the guide's four steps do (reason and note, outlook, amount and close date), and cancelling sends nothing.
// Everything users typed is put into the page as text (textContent), never as markup.
import Sortable from '/webjars/sortablejs/modular/sortable.esm.js';
import { caughtUp, getJson, mayChange, send, signedIn } from './api.js';
import { REASONS, show, showSession, stageName, text } from './page.js';

const query = new URLSearchParams(location.search);
const pipeline = query.get('pipeline') ?? 'default';
// how many cards each stage shows before "More" (the API's default when absent)
const cardsPerStage = query.get('cardsPerStage');
// one owner's deals, counts and totals ("my deals"), or everyone's
let owner = query.get('owner') ?? '';

let board;
let money;
const cards = new Map();
// while a card is being moved, a live change waits, so the board is not redrawn under the user's hand
let busy = false;
let pending = false;
let soon;

/** The page's filters as API parameters: cards per stage (under the endpoint's name for it) and whose deals. */
function filters(cardsName) {
  return (cardsPerStage ? `&${cardsName}=${encodeURIComponent(cardsPerStage)}` : '')
    + (owner ? `&owner=${encodeURIComponent(owner)}` : '');
}

function stageIndex(key) {
  return board.stages.findIndex(stage => stage.stage === key);
}

function renderCard(card, stage) {
  cards.set(card.id, card);
  const item = document.getElementById('card').content.firstElementChild.cloneNode(true);
  item.dataset.id = card.id;
  const name = item.querySelector('.name');
  name.textContent = card.name;
  name.href = `/deal.html?id=${encodeURIComponent(card.id)}`;
  text(item, '.account', card.account);
  text(item, '.owner', card.owner);
  text(item, '.amount', card.amount == null ? '' : money.format(Number(card.amount)));
  text(item, '.close-date', card.closeDate ? `closes ${card.closeDate}` : '');
  text(item, '.outlook', card.outlook);
  text(item, '.days', `${card.daysInStage} d in stage`);
  item.querySelector('.stale').hidden = !card.stale;
  item.querySelector('.overdue').hidden = !card.closeDateOverdue;
  const menu = item.querySelector('.move');
  if (mayChange(card)) {
    item.classList.add('movable');
    menu.setAttribute('aria-label', `Move ${card.name} to stage`);
    board.stages.filter(other => other.stage !== stage).forEach(other => menu.add(new Option(other.displayName, other.stage)));
    menu.addEventListener('change', () => {
      const to = menu.value;
      menu.value = '';
      const target = document.querySelector(`.column[data-stage="${CSS.escape(to)}"] .cards`);
      const from = item.parentElement;
      const next = item.nextSibling;
      target.prepend(item);
      move(item, stage, to, () => from.insertBefore(item, next));
    });
  } else {
    menu.remove();
  }
  return item;
}

function renderColumn(stage) {
  const column = document.getElementById('column').content.firstElementChild.cloneNode(true);
  column.dataset.stage = stage.stage;
  column.dataset.total = stage.totalAmount;
  text(column, '.stage', stage.displayName);
  text(column, '.count', String(stage.count));
  text(column, '.total', money.format(Number(stage.totalAmount)));
  const list = column.querySelector('.cards');
  stage.cards.forEach(card => list.append(renderCard(card, stage.stage)));
  const more = column.querySelector('.more');
  let next = stage.next;
  more.hidden = !next;
  more.addEventListener('click', async () => {
    try {
      const page = await getJson(`/api/board/cards?pipeline=${encodeURIComponent(pipeline)}`
        + `&stage=${encodeURIComponent(stage.stage)}&after=${encodeURIComponent(next)}${filters('limit')}`);
      page.cards.forEach(card => list.append(renderCard(card, stage.stage)));
      next = page.next;
      more.hidden = !next;
    } catch (problem) {
      show(problem);
    }
  });
  Sortable.create(list, {
    group: 'board',
    draggable: '.movable',
    filter: 'select, a',
    preventOnFilter: false,
    // mouse and touch events rather than the browser's own drag and drop: the same on every browser, and testable
    forceFallback: true,
    onStart: () => {
      busy = true;
    },
    onEnd: event => {
      if (event.from === event.to) {
        idle();
        return;
      }
      const to = event.to.closest('.column').dataset.stage;
      move(event.item, stage.stage, to, () => event.from.insertBefore(event.item, event.from.children[event.oldIndex] ?? null));
    },
  });
  return column;
}

/** Sends the move of a card already shown in its new column; puts it back with the reason when nothing was moved. */
async function move(item, from, to, putBack) {
  busy = true;
  try {
    await sendMove(item, from, to, putBack);
  } finally {
    idle();
  }
}

async function sendMove(item, from, to, putBack) {
  const card = cards.get(item.dataset.id);
  const problem = item.querySelector('.card-problem');
  problem.hidden = true;
  try {
    if (stageIndex(to) > stageIndex(from)) {
      await send(`/api/opportunities/${encodeURIComponent(card.id)}/stage`, { stage: to });
    } else {
      const answers = await askWhyBack(card, from, to);
      if (!answers) {
        putBack();
        return;
      }
      await moveBack(card, to, answers);
    }
  } catch (refusal) {
    putBack();
    problem.textContent = refusal.message;
    problem.hidden = false;
    return;
  }
  await caughtUp();
  await reload();
}

/** The guide's four steps, before anything is sent: why (both required), the outlook, the amount and the close date. */
function askWhyBack(card, from, to) {
  const dialog = document.getElementById('move-back');
  const form = dialog.querySelector('form');
  form.reset();
  text(dialog, '.deal-name', card.name);
  text(dialog, '.from', stageName(board.stages, from));
  text(dialog, '.to', stageName(board.stages, to));
  form.elements.outlook.value = card.outlook ?? '';
  form.elements.amount.value = card.amount ?? '';
  form.elements.closeDate.value = card.closeDate ?? '';
  return new Promise(resolve => {
    const done = answers => {
      form.onsubmit = null;
      dialog.onclose = null;
      dialog.close();
      resolve(answers);
    };
    form.onsubmit = event => {
      event.preventDefault();
      done({
        reason: form.elements.reason.value,
        note: form.elements.note.value.trim(),
        outlook: form.elements.outlook.value,
        amount: form.elements.amount.value,
        closeDate: form.elements.closeDate.value,
      });
    };
    form.elements.cancel.onclick = () => done(null);
    dialog.onclose = () => done(null);
    dialog.showModal();
  });
}

/** The stage move first; then each value the user changed, as a command of its own. */
async function moveBack(card, to, answers) {
  const path = `/api/opportunities/${encodeURIComponent(card.id)}`;
  await send(`${path}/stage`, { stage: to, reason: answers.reason, note: answers.note });
  if (answers.outlook && answers.outlook !== card.outlook) {
    await send(`${path}/outlook`, { outlook: answers.outlook, note: answers.note });
  }
  if (answers.amount !== '' && Number(answers.amount) !== Number(card.amount)) {
    await send(`${path}/amount`, { amount: answers.amount, reason: answers.note });
  }
  if (answers.closeDate && answers.closeDate !== card.closeDate) {
    await send(`${path}/close-date`, { closeDate: answers.closeDate, reason: answers.note });
  }
}

async function reload() {
  board = await getJson(`/api/board?pipeline=${encodeURIComponent(pipeline)}${filters('cardsPerStage')}`);
  money = new Intl.NumberFormat(undefined, { style: 'currency', currency: board.currency });
  cards.clear();
  document.title = `${board.displayName} · Pipeline Ledger`;
  text(document, '#pipeline', board.displayName);
  text(document, '#summary', `${board.openCount} open deals, ${money.format(Number(board.openAmount))}`);
  document.getElementById('board').replaceChildren(...board.stages.map(renderColumn));
  if (performance.getEntriesByName('pipeline-ledger:board-shown').length === 0) {
    // when the board first became usable after navigation, for real-user monitoring (and docs/benchmarks.md)
    performance.mark('pipeline-ledger:board-shown');
  }
  const owners = new Set(board.stages.flatMap(stage => stage.cards.map(card => card.owner)));
  document.getElementById('owners').replaceChildren(...[...owners].sort().map(name => new Option(name)));
}

/** Shows one owner's board (or everyone's), keeping it in the address so that it can be bookmarked. */
function filterBy(name, session) {
  owner = name.trim();
  document.getElementById('owner').value = owner;
  document.getElementById('mine').checked = owner !== '' && owner === session.user;
  const address = new URL(location.href);
  if (owner) {
    address.searchParams.set('owner', owner);
  } else {
    address.searchParams.delete('owner');
  }
  history.replaceState(null, '', address);
  reload().catch(show);
}

function idle() {
  busy = false;
  if (pending) {
    pending = false;
    refreshSoon();
  }
}

/** Redraws the board shortly after a change someone else made, once no move is under way. */
function refreshSoon() {
  if (busy) {
    pending = true;
    return;
  }
  clearTimeout(soon);
  soon = setTimeout(() => reload().catch(show), 100);
}

/** The pipelines to choose from (GET /api/pipelines); choosing one opens its board, keeping the owner filter. */
async function offerPipelines() {
  const choice = document.getElementById('pipeline-choice');
  const { pipelines } = await getJson('/api/pipelines');
  choice.replaceChildren(...pipelines.map(each => new Option(each.displayName, each.key, false, each.key === pipeline)));
  choice.addEventListener('change', () => {
    const address = new URL(location.href);
    address.searchParams.set('pipeline', choice.value);
    location.assign(address);
  });
}

/** The read models' changes as they happen (GET /api/live); the browser reconnects and resumes by itself. */
function listen() {
  const live = new EventSource('/api/live');
  live.addEventListener('deals', event => {
    const change = JSON.parse(event.data);
    if (change.reload || change.deals.length > 0) {
      refreshSoon();
    }
  });
}

async function start() {
  const session = await signedIn();
  showSession(session);
  const reasons = document.querySelector('#move-back [name=reason]');
  Object.entries(REASONS).forEach(([value, label]) => reasons.add(new Option(label, value)));
  const ownerInput = document.getElementById('owner');
  const mine = document.getElementById('mine');
  ownerInput.value = owner;
  mine.checked = owner !== '' && owner === session.user;
  ownerInput.addEventListener('change', () => filterBy(ownerInput.value, session));
  mine.addEventListener('change', () => filterBy(mine.checked ? session.user : '', session));
  document.getElementById('filter').addEventListener('submit', event => {
    event.preventDefault();
    filterBy(ownerInput.value, session);
  });
  await Promise.all([reload(), offerPipelines()]);
  listen();
}

start().catch(show);
