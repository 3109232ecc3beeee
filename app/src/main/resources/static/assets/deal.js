// One deal: its summary, every event in order (who, when, what changed, why), days in stage, every close-date
// change, and the actions its user may take. Validation is the API's: a refused action shows the ledger's own
// messages, per field where it names one. Everything users typed is put into the page as text, never as markup.
import { caughtUp, getJson, mayChange, send, signedIn } from './api.js';
import { element, show, showSession, stageName } from './page.js';

const id = new URLSearchParams(location.search).get('id');
const path = `/api/opportunities/${encodeURIComponent(id)}`;
const OUTLOOKS = ['POSITIVE', 'NEUTRAL', 'CAUTIOUS', 'NEGATIVE'];

/** What each action sends, to which endpoint, and when it applies (open or closed deals). */
const ACTIONS = [
  { key: 'notes', label: 'Add a note', when: 'any', fields: [{ name: 'text', label: 'Note', type: 'textarea' }] },
  { key: 'next-step', label: 'Set the next step', when: 'open', fields: [
    { name: 'description', label: 'Next step', type: 'text' }, { name: 'dueDate', label: 'Due', type: 'date' }] },
  { key: 'outlook', label: 'Change the outlook', when: 'open', fields: [
    { name: 'outlook', label: 'Outlook', type: 'select', options: OUTLOOKS }, { name: 'note', label: 'Why', type: 'textarea' }] },
  { key: 'amount', label: 'Change the amount', when: 'open', fields: [
    { name: 'amount', label: 'Amount', type: 'number' }, { name: 'reason', label: 'Why', type: 'textarea' }] },
  { key: 'close-date', label: 'Change the close date', when: 'open', fields: [
    { name: 'closeDate', label: 'Expected close date', type: 'date' }, { name: 'reason', label: 'Why', type: 'textarea' }] },
  { key: 'won', label: 'Mark won', when: 'open', fields: [{ name: 'note', label: 'Note', type: 'textarea' }] },
  { key: 'lost', label: 'Mark lost', when: 'open', fields: [
    { name: 'reason', label: 'Why it was lost', type: 'text' }, { name: 'note', label: 'Note', type: 'textarea' }] },
  { key: 'reopen', label: 'Reopen', when: 'closed', fields: [
    { name: 'stage', label: 'In stage', type: 'select', options: [] }, { name: 'note', label: 'Note', type: 'textarea' }] },
];

let stages = [];

/** An instant as people read it, to the minute, in UTC. */
function when(instant) {
  return instant ? `${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC` : '';
}

function money(value) {
  return value == null ? '' : `${value.amount} ${value.currency}`;
}

/** One value of an event's payload in words: stages by name, money with its currency. */
function describe(key, value) {
  if (value == null) {
    return '';
  }
  if (typeof value === 'object' && 'amount' in value) {
    return money(value);
  }
  if (typeof value === 'object') {
    // a creation's profile: only what it records
    return Object.entries(value).filter(([, v]) => v != null).map(([k, v]) => `${k} ${v}`).join(', ');
  }
  if (['stage', 'from', 'to', 'fromStage'].includes(key) && typeof value === 'string') {
    return stageName(stages, value);
  }
  return String(value);
}

/** What analysts group the deal by (issue 20), as its creation recorded it. */
function profileOf(history) {
  const created = history.events.find(event => event.type === 'OpportunityCreated');
  return created?.payload.profile ?? {};
}

function renderSummary(deal, profile) {
  document.title = `${deal.name} · Pipeline Ledger`;
  document.getElementById('name').textContent = deal.name;
  const facts = [
    ['Account', deal.account], ['Owner', deal.owner], ['Stage', stageName(stages, deal.stage)], ['Status', deal.status],
    ['Amount', deal.amount == null ? '' : `${deal.amount} ${deal.currency}`], ['Expected close', deal.closeDate],
    ['Outlook', deal.outlook], ['Next step', deal.nextStep ? `${deal.nextStep} (due ${deal.nextStepDue})` : ''],
    ['In stage since', when(deal.stageEnteredAt)], ['Version', String(deal.version)],
  ];
  const grouping = [['Product', profile.product], ['Team', profile.team], ['Region', profile.region],
    ['Account sector', profile.accountSector], ['Account employees', profile.accountEmployees]];
  facts.push(...grouping.filter(([, value]) => value != null).map(([name, value]) => [name, String(value)]));
  document.getElementById('summary').replaceChildren(...facts.flatMap(([name, value]) =>
    [element('dt', name), element('dd', value ?? '')]));
}

function renderTimeline(history) {
  document.getElementById('timeline').replaceChildren(...history.events.map(event => {
    const item = element('li', null, 'event');
    item.dataset.type = event.type;
    const head = element('p', null, 'event-head');
    head.append(element('strong', event.type), ` ${when(event.occurredAt)} by ${event.metadata.actor ?? 'unknown'}`);
    item.append(head);
    const payload = event.payload;
    if ('from' in payload && 'to' in payload) {
      item.append(element('p', `${describe('from', payload.from)} → ${describe('to', payload.to)}`, 'change'));
    }
    Object.entries(payload)
      .filter(([key]) => !['opportunityId', 'occurredAt', 'from', 'to'].includes(key))
      .filter(([, value]) => value != null)
      .forEach(([key, value]) => item.append(element('p', `${key}: ${describe(key, value)}`, `field field-${key}`)));
    return item;
  }));
}

function renderDays(days) {
  document.querySelector('#days tbody').replaceChildren(...days.stages.map(stage => {
    const row = element('tr');
    row.append(element('td', stageName(stages, stage.stage)), element('td', String(stage.visits)), element('td', String(stage.days)));
    return row;
  }));
}

function renderSlips(slippage) {
  document.getElementById('slip-summary').textContent = `Originally ${slippage.originalCloseDate}, now `
    + `${slippage.currentCloseDate}: ${slippage.slipCount} slips (${slippage.totalSlipDays} days), `
    + `${slippage.pullInCount} pull-ins (${slippage.totalPullInDays} days).`;
  document.querySelector('#slips tbody').replaceChildren(...slippage.changes.map(change => {
    const row = element('tr');
    row.append(element('td', when(change.occurredAt)), element('td', change.actor), element('td', change.from),
      element('td', change.to), element('td', String(change.days)), element('td', change.reason ?? ''));
    return row;
  }));
}

function field(spec, deal) {
  const wrapper = element('div', null, 'field-row');
  const inputId = `${spec.form}-${spec.name}`;
  const label = element('label', spec.label);
  label.htmlFor = inputId;
  let input;
  if (spec.type === 'textarea') {
    input = element('textarea');
    input.rows = 2;
  } else if (spec.type === 'select') {
    input = element('select');
    const options = spec.name === 'stage' ? stages.map(stage => [stage.stage, stage.displayName])
      : spec.options.map(option => [option, option]);
    options.forEach(([value, text]) => input.add(new Option(text, value)));
  } else {
    input = element('input');
    input.type = spec.type;
    if (spec.type === 'number') {
      input.step = '0.01';
    }
  }
  input.id = inputId;
  input.name = spec.name;
  if (spec.name === 'outlook' && deal.outlook) {
    input.value = deal.outlook;
  }
  const error = element('span', null, 'field-error');
  error.dataset.field = spec.name;
  wrapper.append(label, input, error);
  return wrapper;
}

function renderActions(deal) {
  const section = document.getElementById('actions');
  if (!mayChange(deal)) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const open = deal.status === 'OPEN';
  const forms = ACTIONS.filter(action => action.when === 'any' || (action.when === 'open') === open).map(action => {
    const form = element('form', null, 'action');
    form.dataset.action = action.key;
    form.append(element('h3', action.label));
    action.fields.forEach(spec => form.append(field({ ...spec, form: action.key }, deal)));
    const problem = element('p', null, 'problem');
    problem.setAttribute('role', 'alert');
    problem.hidden = true;
    const submit = element('button', action.label);
    submit.type = 'submit';
    form.append(problem, submit);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      problem.hidden = true;
      form.querySelectorAll('.field-error').forEach(error => { error.textContent = ''; });
      const body = {};
      action.fields.forEach(spec => {
        const value = form.elements[spec.name].value;
        if (value !== '') {
          body[spec.name] = value;
        }
      });
      try {
        await send(`${path}/${action.key}`, body);
        await caughtUp();
        await load();
      } catch (refusal) {
        problem.textContent = refusal.message;
        problem.hidden = false;
        (refusal.errors ?? []).forEach(({ field: name, message }) => {
          const error = form.querySelector(`.field-error[data-field="${CSS.escape(name)}"]`);
          if (error) {
            error.textContent = message;
          }
        });
      }
    });
    return form;
  });
  document.getElementById('action-forms').replaceChildren(...forms);
}

async function load() {
  const deal = await getJson(path);
  if (stages.length === 0) {
    stages = (await getJson(`/api/board?pipeline=${encodeURIComponent(deal.pipeline)}&cardsPerStage=0`)).stages;
  }
  const [history, days, slippage] = await Promise.all([
    getJson(`${path}/history`), getJson(`${path}/days-in-stage`), getJson(`${path}/slippage`)]);
  document.getElementById('back').href = `/?pipeline=${encodeURIComponent(deal.pipeline)}`;
  renderSummary(deal, profileOf(history));
  renderActions(deal);
  renderTimeline(history);
  renderDays(days);
  renderSlips(slippage);
}

async function start() {
  const session = await signedIn();
  showSession(session);
  await caughtUp();
  await load();
  // what others change on this deal appears without a reload, as on the board
  new EventSource('/api/live').addEventListener('deals', event => {
    const change = JSON.parse(event.data);
    const typing = document.activeElement?.closest('form.action');
    if ((change.reload || change.deals.includes(id)) && !typing) {
      load().catch(show);
    }
  });
}

start().catch(show);
