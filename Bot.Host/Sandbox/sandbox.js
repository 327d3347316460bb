// The sandbox page: sends the compose form (with its antiforgery token) and polls the feed once a second.
// Every text is put into the page with textContent, never as HTML.
(function () {
  'use strict';
  const form = document.querySelector('form.compose');
  const group = document.getElementById('group');
  const member = document.getElementById('member');
  const text = document.getElementById('text');
  const chat = document.getElementById('chat');
  const inboxes = document.getElementById('inboxes');
  const status = document.getElementById('status');
  const mention = document.getElementById('mention');
  let last = 0;
  const items = [];

  function showMembers() {
    let first = null;
    for (const option of member.options) {
      option.hidden = option.dataset.chat !== group.value;
      if (!option.hidden && first === null) first = option;
    }
    if (member.selectedOptions.length === 0 || member.selectedOptions[0].hidden) member.value = first ? first.value : '';
    renderChat();
  }

  function time(at) {
    return new Date(at).toLocaleTimeString('zh-CN', { hour12: false });
  }

  // Splits the text around "@名字" of each mentioned member, so the mentions can be highlighted.
  function withMentions(container, content, mentions) {
    const names = mentions.filter(Boolean).map(n => '@' + n);
    let rest = content;
    while (rest.length > 0) {
      let at = -1, name = '';
      for (const n of names) {
        const i = rest.indexOf(n);
        if (i >= 0 && (at < 0 || i < at)) { at = i; name = n; }
      }
      if (at < 0) { container.append(rest); break; }
      container.append(rest.slice(0, at));
      const mark = document.createElement('mark');
      mark.textContent = name;
      container.append(mark);
      rest = rest.slice(at + name.length);
    }
  }

  function bubble(item) {
    const box = document.createElement('div');
    box.className = 'msg ' + item.kind;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = item.from + ' · ' + time(item.at);
    const body = document.createElement('div');
    body.className = 'bubble';
    withMentions(body, item.text, item.mentions || []);
    box.append(who, body);
    if (item.kind === 'unseen') {
      const note = document.createElement('span');
      note.className = 'unseen-note';
      note.textContent = '机器人收不到（未@）';
      box.append(note);
    }
    return box;
  }

  function renderChat() {
    chat.replaceChildren(...items.filter(i => i.kind !== 'private' && (i.chatId === '' || i.chatId === group.value)).map(bubble));
    chat.scrollTop = chat.scrollHeight;
  }

  function addPrivate(item) {
    document.getElementById('no-inbox')?.remove();
    let box = [...inboxes.querySelectorAll('.inbox')].find(b => b.dataset.to === item.to);
    if (!box) {
      box = document.createElement('section');
      box.className = 'inbox';
      box.dataset.to = item.to;
      const title = document.createElement('h3');
      title.textContent = '发给 ' + item.to;
      box.append(title);
      inboxes.append(box);
    }
    const message = document.createElement('div');
    message.className = 'bubble';
    message.textContent = time(item.at) + '\n' + item.text;
    box.append(message);
  }

  async function poll() {
    try {
      const response = await fetch('/sandbox/feed?after=' + last, { cache: 'no-store' });
      if (response.ok) {
        const feed = await response.json();
        for (const item of feed.items) {
          if (item.kind === 'private') addPrivate(item); else items.push(item);
        }
        if (feed.items.some(i => i.kind !== 'private')) renderChat();
        last = feed.last;
      }
    } finally {
      setTimeout(poll, 1000);
    }
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    status.textContent = '发送中…';
    const data = new FormData(form);
    data.set('mention', mention.checked ? 'on' : 'off');
    const response = await fetch(form.action, { method: 'POST', body: data });
    const answer = await response.json().catch(() => ({}));
    status.textContent = !response.ok || !answer.ok ? '发送失败：' + (answer.error || ('HTTP ' + (answer.status || response.status)))
      : answer.delivered ? '已发送（回调返回 200）'
      : '已发到群里，但没有@机器人：企业微信不会把这条消息交给机器人';
    if (response.ok) text.value = '';
  });

  for (const button of document.querySelectorAll('button.fill')) {
    button.addEventListener('click', () => {
      const option = [...member.options].find(o => o.value === button.dataset.user && o.dataset.chat === group.value);
      if (option) member.value = option.value;
      text.value = button.dataset.text;
      text.focus();
    });
  }

  group.addEventListener('change', showMembers);
  showMembers();
  poll();
})();
