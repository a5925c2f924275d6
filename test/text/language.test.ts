import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage, ENGLISH_STOPWORD_SHARE_MIN } from '../../src/text/language.ts';
import { tokenize } from '../../src/text/tokens.ts';

test('English news reads as "en"', () => {
  const text =
    'The harbour office said on Tuesday that the night ferry would not sail until the storm had passed, ' +
    'and that passengers who had booked for the weekend could change their tickets at no cost.';
  assert.equal(detectLanguage(tokenize(text)), 'en');
});

test('main European languages and Malay are told apart by their stopwords', () => {
  const samples: Record<string, string> = {
    de: 'Die Fähre zur Insel fällt wegen des Sturms bis Donnerstag aus, teilte die Hafenverwaltung am Dienstag mit, und die Reisenden werden informiert.',
    fr: "Le ferry de nuit ne partira pas avant la fin de la tempête, a indiqué mardi la capitainerie du port, et les passagers sont prévenus.",
    es: 'El transbordador de la noche no saldrá hasta que pase la tormenta, según informó el martes la capitanía del puerto a los viajeros.',
    it: 'Il traghetto della notte non partirà fino alla fine della tempesta, ha detto martedì la capitaneria del porto ai passeggeri che sono in attesa.',
    pt: 'O ferry da noite não vai partir antes do fim da tempestade, disse na terça-feira a capitania do porto aos passageiros que esperam.',
    nl: 'De nachtboot vaart niet uit voordat de storm is gaan liggen, zei de havendienst dinsdag, en de reizigers worden door de rederij gebeld.',
    ms: 'Feri malam tidak akan belayar sehingga ribut reda, kata pejabat pelabuhan pada hari Selasa, dan penumpang yang telah menempah boleh menukar tiket mereka.',
  };
  for (const [language, text] of Object.entries(samples)) assert.equal(detectLanguage(tokenize(text)), language, text);
});

test('other scripts name their language', () => {
  assert.equal(detectLanguage(tokenize('港口管理局周二表示，夜间渡轮将在风暴过去之前停航，已订票的乘客可以免费改签。')), 'zh');
  assert.equal(detectLanguage(tokenize('港湾事務所は火曜日、嵐が過ぎるまで夜行フェリーは運航しないと発表した。乗客は無料で予約を変更できる。')), 'ja');
  assert.equal(detectLanguage(tokenize('Портовая служба сообщила во вторник, что ночной паром не выйдет в море, пока не утихнет шторм.')), 'ru');
  assert.equal(detectLanguage(tokenize('Портова служба повідомила у вівторок, що нічний пором не вийде в море, доки не вщухне шторм.')), 'uk');
  assert.equal(detectLanguage(tokenize('قالت إدارة الميناء يوم الثلاثاء إن العبارة الليلية لن تبحر حتى تهدأ العاصفة')), 'ar');
  assert.equal(detectLanguage(tokenize('항만 당국은 화요일 폭풍이 지나갈 때까지 야간 여객선이 운항하지 않는다고 밝혔다')), 'ko');
  assert.equal(detectLanguage(tokenize('สำนักงานท่าเรือแจ้งเมื่อวันอังคารว่าเรือข้ามฟากกลางคืนจะไม่ออกจนกว่าพายุจะผ่านไป')), 'th');
});

test('a language without a profile is "und", not a wrong guess', () => {
  const finnish = 'Satamavirasto kertoi tiistaina, että yölautta ei lähde ennen kuin myrsky on ohi, ja matkustajat voivat vaihtaa lippunsa maksutta.';
  assert.equal(detectLanguage(tokenize(finnish)), 'und');
});

test('too few words, or only numbers, say nothing', () => {
  assert.equal(detectLanguage(tokenize('The end of it')), 'und');
  assert.equal(detectLanguage(tokenize('12 14 16 18 20 22 24 26 28 30')), 'und');
  assert.equal(detectLanguage([]), 'und');
});

test('the threshold sits well below English news', () => {
  assert.ok(ENGLISH_STOPWORD_SHARE_MIN > 0.1 && ENGLISH_STOPWORD_SHARE_MIN < 0.3);
});
