// The manager's views, from the report endpoints analysts use: backward moves by reason, owner and stage for a
// period; the deals that keep moving back; the slippage ranking; days in stage per stage; the stale and overdue deals;
// and, first, the backward moves that need attention (late-stage or high-value deals). Bars are plain elements sized
// by their share, so the figures are also the page's text. Everything users typed is shown as text.
import { getJson, signedIn } from './api.js';
import { REASONS, element, show, showSession, stageName } from './page.js';

const query = new URLSearchParams(location.search);
const pipeline = query.get('pipeline') ?? 'default';

function dealLink(id, name) {
  const link = element('a', name);
  link.href = `/deal.html?id=${encodeURIComponent(id)}`;
  return link;
}

function row(...cells) {
  const tr = element('tr');
  cells.forEach(cell => {
    const td = element('td');
    td.append(cell instanceof Node ? cell : String(cell ?? ''));
    tr.append(td);
  });
  return tr;
}

/** One bar per entry, its width the value's share of the largest. */
function bars(container, entries, format = value => String(value)) {
  const largest = Math.max(1, ...entries.map(([, value]) => Number(value)));
  container.replaceChildren(...entries.map(([label, value]) => {
    const bar = element('div', null, 'bar');
    bar.dataset.label = label;
    bar.dataset.value = String(value);
    const fill = element('span', null, 'fill');
    fill.style.width = `${(100 * Number(value)) / largest}%`;
    bar.append(element('span', label, 'label'), fill, element('span', format(value), 'value'));
    return bar;
  }));
}

/** Every open card of the pipeline, page by page. */
async function openCards(board) {
  const cards = [];
  for (const stage of board.stages) {
    cards.push(...stage.cards.map(card => ({ ...card, stage: stage.stage, stageName: stage.displayName })));
    let next = stage.next;
    while (next) {
      const page = await getJson(`/api/board/cards?pipeline=${encodeURIComponent(pipeline)}`
        + `&stage=${encodeURIComponent(stage.stage)}&after=${encodeURIComponent(next)}&limit=1000`);
      cards.push(...page.cards.map(card => ({ ...card, stage: stage.stage, stageName: stage.displayName })));
      next = page.next;
    }
  }
  return cards;
}

function renderReversions(report, board, cards) {
  document.getElementById('reversion-total').textContent = String(report.total);
  bars(document.getElementById('by-reason'), Object.entries(report.byReason).map(([reason, count]) => [REASONS[reason] ?? reason, count]));
  bars(document.getElementById('by-owner'), Object.entries(report.byOwner));
  const nameOf = key => stageName(board.stages, key);
  bars(document.getElementById('by-stage'), Object.entries(report.byStage).map(([stage, count]) => [nameOf(stage), count]));

  const byDeal = new Map();
  report.reversions.forEach(reversion => {
    const seen = byDeal.get(reversion.id) ?? { name: reversion.name, owner: reversion.owner, count: 0 };
    seen.count += 1;
    byDeal.set(reversion.id, seen);
  });
  const repeat = [...byDeal.entries()].filter(([, deal]) => deal.count >= 2).sort((a, b) => b[1].count - a[1].count);
  document.getElementById('repeat').replaceChildren(...(repeat.length === 0 ? [element('li', 'None in this period.')]
    : repeat.map(([id, deal]) => {
      const item = element('li', null, 'repeat');
      item.dataset.id = id;
      item.append(dealLink(id, deal.name), ` (${deal.owner}): moved back ${deal.count} times`);
      return item;
    })));

  // late: the pipeline's last two stages; high value: at least the amount of the top fifth of open deals
  const late = new Set(board.stages.slice(-2).map(stage => stage.stage));
  const amounts = cards.map(card => Number(card.amount ?? 0)).sort((a, b) => b - a);
  const highValue = amounts.length === 0 ? Infinity : amounts[Math.max(0, Math.ceil(amounts.length / 5) - 1)];
  const amountOf = new Map(cards.map(card => [card.id, Number(card.amount ?? 0)]));
  const attention = report.reversions.filter(reversion => late.has(reversion.fromStage)
    || (amountOf.get(reversion.id) ?? 0) >= highValue);
  document.getElementById('attention').replaceChildren(...(attention.length === 0
    ? [element('li', 'Nothing moved back from a late stage or a high-value deal in this period.')]
    : attention.map(reversion => {
      const item = element('li', null, 'attention');
      item.dataset.id = reversion.id;
      item.append(dealLink(reversion.id, reversion.name),
        ` ${nameOf(reversion.fromStage)} → ${nameOf(reversion.toStage)} by ${reversion.actor} on `
        + `${reversion.occurredAt.slice(0, 10)}: ${REASONS[reversion.reason] ?? reversion.reason}. `,
        element('q', reversion.note));
      return item;
    })));
}

function renderSlippage(report) {
  document.querySelector('#slippage tbody').replaceChildren(...report.deals.map(deal =>
    row(deal.rank, dealLink(deal.id, deal.name), deal.owner, deal.slipCount, deal.totalSlipDays, deal.currentCloseDate)));
}

function renderDays(report) {
  // average, median and p90 of each stage, side by side
  bars(document.getElementById('days-chart'), report.stages.filter(stage => stage.averageDays != null).flatMap(stage => [
    [`${stage.displayName} average`, stage.averageDays],
    [`${stage.displayName} median`, stage.medianDays],
    [`${stage.displayName} p90`, stage.p90Days],
  ]), days => `${days} d`);
  document.querySelector('#days tbody').replaceChildren(...report.stages.map(stage =>
    row(stage.displayName, stage.completedStays, stage.averageDays, stage.medianDays, stage.p90Days)));
}

function renderStale(cards) {
  const flagged = cards.filter(card => card.stale || card.closeDateOverdue);
  document.querySelector('#stale tbody').replaceChildren(...flagged.map(card => {
    const why = [card.stale ? 'stale' : null, card.closeDateOverdue ? 'close date passed' : null].filter(Boolean);
    const tr = row(dealLink(card.id, card.name), card.owner, card.stageName, card.daysInStage, card.closeDate,
      why.join(', '));
    tr.dataset.id = card.id;
    return tr;
  }));
}

async function load(from, to) {
  const period = `&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const board = await getJson(`/api/board?pipeline=${encodeURIComponent(pipeline)}&cardsPerStage=1000`);
  const [reversions, slippage, days, cards] = await Promise.all([
    getJson(`/api/reports/reversions?pipeline=${encodeURIComponent(pipeline)}${period}`),
    getJson(`/api/reports/slippage?pipeline=${encodeURIComponent(pipeline)}&limit=20`),
    getJson(`/api/reports/days-in-stage?pipeline=${encodeURIComponent(pipeline)}`),
    openCards(board),
  ]);
  renderReversions(reversions, board, cards);
  renderSlippage(slippage);
  renderDays(days);
  renderStale(cards);
}

async function start() {
  const session = await signedIn();
  showSession(session);
  document.getElementById('back').href = `/?pipeline=${encodeURIComponent(pipeline)}`;
  const from = document.getElementById('from');
  const to = document.getElementById('to');
  const today = new Date();
  to.value = query.get('to') ?? today.toISOString().slice(0, 10);
  from.value = query.get('from') ?? new Date(today.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  document.getElementById('period').addEventListener('submit', event => {
    event.preventDefault();
    load(from.value, to.value).catch(show);
  });
  await load(from.value, to.value);
}

start().catch(show);
