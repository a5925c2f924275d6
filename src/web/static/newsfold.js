// newsfold's pages read without this script; it only enhances them: live story updates from the API's event
// stream (/events), the copy graph's evidence on hover or focus, and passage highlighting on article pages.
// Text from the server is put in with textContent; markup comes only from newsfold's own fragment route.
'use strict';

(function () {
  const body = document.body;
  const page = body.dataset.page;

  function say(text, link) {
    const status = document.getElementById('live-status');
    if (!status) return;
    status.textContent = text;
    if (link) {
      const anchor = document.createElement('a');
      anchor.href = link.href;
      anchor.textContent = link.text;
      status.append(' ', anchor);
    }
  }

  function follow(handlers) {
    if (typeof EventSource !== 'function') return;
    const source = new EventSource('/events');
    for (const type of ['created', 'grown', 'merged', 'shrunk']) {
      source.addEventListener(`story.${type}`, (message) => {
        let event;
        try {
          event = JSON.parse(message.data);
        } catch {
          return;
        }
        handlers(event);
      });
    }
    window.addEventListener('pagehide', () => source.close());
  }

  async function rowOf(storyId) {
    const response = await fetch(`/fragment/story-row/${encodeURIComponent(storyId)}`, { headers: { accept: 'text/html' } });
    if (!response.ok) return undefined;
    const template = document.createElement('template');
    template.innerHTML = await response.text();
    return template.content.querySelector('li.story-row') || undefined;
  }

  function liveList() {
    let list = document.getElementById('story-list');
    const top = body.dataset.live === 'top';
    let changed = 0;
    follow(async (event) => {
      const existing = document.getElementById(`story-${event.storyId}`);
      if (event.type === 'merged' || (event.type === 'shrunk' && event.articles === 0)) {
        if (existing) existing.remove();
        return;
      }
      if (event.type === 'shrunk') {
        // A deletion: the row shown is brought up to date where it stands, not moved to the top.
        const row = existing ? await rowOf(event.storyId) : undefined;
        if (row && existing.isConnected) existing.replaceWith(row);
        return;
      }
      if (!top) {
        changed++;
        say(`${changed} ${changed === 1 ? 'story has' : 'stories have'} changed since this page was loaded.`, { href: '/', text: 'Show the latest' });
        return;
      }
      const row = await rowOf(event.storyId);
      if (!row) return;
      row.classList.add('fresh');
      if (!list) {
        list = document.createElement('ol');
        list.id = 'story-list';
        list.className = 'stories';
        const empty = document.querySelector('main .empty');
        if (empty) empty.replaceWith(list);
        else document.getElementById('live-status').after(list);
      }
      const stale = document.getElementById(`story-${event.storyId}`);
      if (stale) stale.remove();
      list.prepend(row);
      say(event.type === 'created' ? `New story: ${event.headline}` : `Story grew to ${event.articles} articles: ${event.headline}`);
    });
  }

  function liveStory() {
    const storyId = body.dataset.story;
    follow((event) => {
      if (event.storyId !== storyId) return;
      if (event.type === 'merged') say('This story was merged into another.', { href: `/story/${encodeURIComponent(event.into)}`, text: 'Go to it' });
      else if (event.type === 'grown' || event.type === 'shrunk') say(`This story now has ${event.articles} articles.`, { href: window.location.pathname, text: 'Reload' });
    });
  }

  function graphEvidence() {
    const panel = document.getElementById('graph-evidence');
    if (!panel) return;
    const show = (edge) => {
      for (const active of document.querySelectorAll('.copy-graph .edge.active')) active.classList.remove('active');
      edge.classList.add('active');
      const title = edge.querySelector('title');
      panel.textContent = title ? title.textContent : '';
    };
    for (const edge of document.querySelectorAll('.copy-graph .edge')) {
      edge.addEventListener('mouseenter', () => show(edge));
      edge.addEventListener('focus', () => show(edge));
    }
  }

  function passages() {
    const mark = document.getElementById('passage');
    if (mark && window.location.hash === '#passage') {
      mark.focus({ preventScroll: true });
      mark.scrollIntoView({ block: 'center' });
      mark.classList.add('flash');
    }
    for (const link of document.querySelectorAll('.legend a[data-source]')) {
      const spans = () => document.querySelectorAll(`.text .reused[data-source="${link.dataset.source}"]`);
      const on = () => spans().forEach((span) => span.classList.add('spot'));
      const off = () => spans().forEach((span) => span.classList.remove('spot'));
      link.addEventListener('mouseenter', on);
      link.addEventListener('focus', on);
      link.addEventListener('mouseleave', off);
      link.addEventListener('blur', off);
    }
  }

  if (page === 'stories') liveList();
  if (page === 'story') {
    liveStory();
    graphEvidence();
  }
  if (page === 'article') passages();
})();
