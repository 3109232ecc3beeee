// What every page shares: the header's user and sign-out token, the page's problem line, and building elements whose
// text is what users typed, put in as text (never as markup).

/** The reason categories of a backward move, in words. */
export const REASONS = {
  CHANGING_NEEDS: 'Changing needs',
  NEW_DECISION_MAKER: 'New decision-maker',
  BUDGET: 'Budget',
  MAJOR_OBJECTION: 'Major objection',
  LOSS_OF_MOMENTUM: 'Loss of momentum',
  PREMATURE_ADVANCE: 'Moved forward too early',
  OTHER: 'Other',
};

/** Shows who is signed in, and gives the sign-out form the session's token. */
export function showSession(session) {
  document.getElementById('user').textContent = `${session.user} (${session.roles.join(', ')})`;
  document.getElementById('csrf').value = session.csrfToken ?? '';
}

/** Shows a problem on the page's problem line, in the ledger's words. */
export function show(problem) {
  const line = document.getElementById('problem');
  line.textContent = problem.message;
  line.hidden = false;
}

export function element(tag, text, className) {
  const created = document.createElement(tag);
  if (text != null) {
    created.textContent = text;
  }
  if (className) {
    created.className = className;
  }
  return created;
}

export function text(root, selector, value) {
  root.querySelector(selector).textContent = value ?? '';
}

/** A stage's name in words, from the board's stages ({stage, displayName}); its key when the pipeline has no such stage. */
export function stageName(stages, key) {
  return stages.find(stage => stage.stage === key)?.displayName ?? key;
}
