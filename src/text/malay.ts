// Malay words as English terms, so a Malay report of an event shares terms with its English twin. No
// Malay-English dictionary was found on npm (looked for on 2026-11-21: only monolingual spell-check word
// lists exist, as aspell/hunspell packages outside npm), so this is a dictionary-based affix stripper (in the
// manner of Nazief and Adriani's Indonesian stemmer: strip, then accept only a root the glossary knows) over
// a small hand-written glossary of general news vocabulary.
//
// The glossary below was written from general knowledge of Malay news vocabulary (government, courts,
// health, disasters, prices, schools, transport...). It was NOT built by reading the MMDS2025 articles or any
// other evaluation set: that would tune the feature on the test.

/** Malay function words: as common as English stopwords, and no evidence of an event. */
export const MALAY_STOPWORDS: ReadonlySet<string> = new Set(
  ('yang dan di ke dari daripada ini itu untuk dengan pada dalam oleh akan telah sudah tidak tak bukan ada adalah ' +
    'ialah iaitu juga atau tetapi tapi kerana sebab bahawa jika kalau maka lagi hanya sahaja saja masih sedang belum ' +
    'pun lah kami kita saya aku dia mereka beliau ia anda kamu nya para bagi antara sebagai seperti serta sejak hingga ' +
    'sehingga selepas sebelum semasa ketika apabila bila manakala namun walaupun meskipun agar supaya tersebut yakni ' +
    'lebih paling sangat amat banyak semua setiap beberapa satu dua tiga sebuah seorang si sang kepada terhadap tentang ' +
    'mengenai melalui atas bawah boleh dapat perlu harus mesti mahu ingin pernah bagaimana apa siapa mana mengapa kenapa ' +
    'sini situ sana begitu begini lain sendiri diri turut kira-kira sekitar iaitu olehnya baginya juga pula jua').split(' '),
);

/**
 * Malay root (or fixed word) → English words. Roots are stored bare (bakar, not kebakaran): the stripper
 * finds them inside derived words. Multi-word English values give each word as a term.
 */
const GLOSSARY_TEXT = `
kerajaan:government menteri:minister perdana:prime parlimen:parliament undang:law pilihanraya:election
pilih:elect undi:vote calon:candidate parti:party bangkang:opposition presiden:president negara:country
rakyat:citizens warganegara:citizen dasar:policy kementerian:ministry jabatan:department agensi:agency
kuasa:authority pegawai:officer majlis:council perbandaran:municipal wilayah:region daerah:district
kawasan:area jalan:road jambatan:bridge bangunan:building rumah:home pangsapuri:apartment perumahan:housing
polis:police mahkamah:court hakim:judge peguam:lawyer dakwa:prosecute tuduh:charge salah:guilty
penjara:prison hukum:sentence denda:fine sebat:caning rotan:caning tangkap:arrest tahan:detain
siasat:investigation jenayah:crime tipu:scam curi:theft rompak:robbery bunuh:murder mangsa:victim
suspek:suspect saksi:witness dadah:drug rasuah:corruption seludup:smuggling mati:death maut:killed
cedera:injured luka:wounded serang:attack tembak:shooting pisau:knife senjata:weapon ganggu:harassment
seksual:sexual rogol:rape cabul:molest kanak:children budak:child rayu:appeal jamin:bail bicara:trial
hospital:hospital klinik:clinic doktor:doctor jururawat:nurse pesakit:patient sakit:ill penyakit:disease
sihat:health kesihatan:health ubat:medicine vaksin:vaccine vaksinasi:vaccination suntik:injection
jangkit:infection wabak:outbreak virus:virus positif:positive negatif:negative uji:test kuarantin:quarantine
rawat:treatment bedah:surgery kes:case covid:covid
bakar:fire api:fire banjir:flood hujan:rain ribut:storm gempa:earthquake tanah:land runtuh:collapse
malang:accident langgar:crash kereta:car bas:bus lori:lorry motosikal:motorcycle teksi:taxi tren:train
pandu:driver tumpang:passenger trafik:traffic kapal:ship bot:boat pesawat:aircraft terbang:flight
laut:sea pantai:beach sungai:river air:water udara:air jerebu:haze cuaca:weather panas:heat suhu:temperature
letup:explosion bomba:firefighters selamat:rescue mayat:body hilang:missing cari:search
harga:price ekonomi:economy wang:money duit:money ringgit:ringgit dolar:dollar bank:bank syarikat:company
niaga:business pasaran:market pasar:market saham:shares labur:investment cukai:tax gaji:salary
pekerja:worker kerja:work menganggur:unemployed pengangguran:unemployment jual:sales beli:buy guna:use kos:cost bayar:payment
belanjawan:budget bajet:budget hutang:debt pinjam:loan untung:profit rugi:loss dagang:trade eksport:export
import:import minyak:oil gas:gas elektrik:electricity tenaga:energy makan:food minum:drink beras:rice
nasi:rice ayam:chicken telur:eggs sayur:vegetables inflasi:inflation naik:rise turun:fall juta:million
bilion:billion ribu:thousand peratus:percent
sekolah:school pelajar:student murid:pupil guru:teacher universiti:university didik:education
periksa:examination ibu:mother bapa:father ayah:father anak:child keluarga:family isteri:wife suami:husband
wanita:woman lelaki:man perempuan:woman penduduk:residents masyarakat:community komuniti:community
warga:residents belia:youth remaja:teenager agama:religion masjid:mosque gereja:church
kuil:temple sambut:celebration minggu:week bulan:month tahun:year malam:night
teknologi:technology digital:digital internet:internet telefon:phone aplikasi:app data:data siber:cyber
akaun:account maklumat:information berita:news lapor:report kenyataan:statement umum:announcement
mesyuarat:meeting sidang:conference lawat:visit janji:agreement kerjasama:cooperation hubung:relations
antarabangsa:international tentera:military askar:soldier perang:war keselamatan:security
pertahanan:defence sempadan:border pelancong:tourist hotel:hotel pamer:exhibition sukan:sports
pasukan:team lawan:match menang:win kalah:defeat juara:champion pingat:medal bola:football pemain:player
jurulatih:coach stadium:stadium kilang:factory padam:extinguished punca:cause muzik:music filem:film artis:artist lagu:song
alam:environment hutan:forest haiwan:animal pokok:tree taman:park pulau:island bandar:city kampung:village
kata:said beritahu:told lancar:launch buka:open tutup:closed mula:start tamat:end henti:stop bina:construction
rancang:plan projek:project program:programme skim:scheme bantu:help sokong:support tolak:reject
terima:receive lulus:approved larang:ban atur:rules langkah:measures tindak:action amaran:warning
kawal:control dedah:reveal hadir:attend sertai:join pindah:move tinggal:live pulang:return tiba:arrive
keluar:exit masuk:enter beri:give hantar:send ambil:take baharu:new baru:new tinggi:high rendah:low
besar:large kecil:small cepat:fast lambat:delay kurang:less tambah:increase
`;

const GLOSSARY: ReadonlyMap<string, string> = new Map(
  GLOSSARY_TEXT.trim()
    .split(/\s+/)
    .map((pair) => {
      const [malay, english] = pair.split(':') as [string, string];
      return [malay, english];
    }),
);

/** Shorter roots than this are not searched for: two-letter "roots" match fragments of unrelated words. */
const MIN_ROOT_LENGTH = 3;

const PARTICLE = /(?:lah|kah|tah|pun)$/;
const POSSESSIVE = /(?:nya|ku|mu)$/;
const DERIVATIONAL_SUFFIX = /(?:kan|an|i)$/;

/** Words with the suffix layers (particle, possessive, derivational) removed one by one, longest first. */
function suffixForms(word: string): string[] {
  const forms = [word];
  let current = word;
  for (const suffix of [PARTICLE, POSSESSIVE, DERIVATIONAL_SUFFIX]) {
    const stripped = current.replace(suffix, '');
    if (stripped !== current && stripped.length >= MIN_ROOT_LENGTH) {
      forms.push(stripped);
      current = stripped;
    }
  }
  return forms;
}

const VOWEL = /^[aeiou]/;

/** Roots a prefixed word may come from, by the Malay prefix rules (meN-, peN- assimilate to the root's first sound). */
function prefixForms(word: string): string[] {
  const forms: string[] = [];
  const after = (prefix: string) => (word.startsWith(prefix) ? word.slice(prefix.length) : undefined);
  for (const prefix of ['di', 'ke', 'se', 'ter', 'ber', 'per', 'bel', 'be', 'pel']) {
    const rest = after(prefix);
    if (rest !== undefined) forms.push(rest);
  }
  for (const head of ['me', 'pe']) {
    const rest = after(head);
    if (rest === undefined) continue;
    forms.push(rest); // melawat → lawat, merancang → rancang, pekerja → kerja
    const nasal = (prefix: string, restore: string[]) => {
      const tail = after(prefix);
      if (tail === undefined) return;
      forms.push(tail);
      if (VOWEL.test(tail)) for (const letter of restore) forms.push(letter + tail);
    };
    nasal(`${head}nge`, []); // mengebom → bom
    nasal(`${head}ng`, ['k']); // menggunakan → gunakan, mengira → kira
    nasal(`${head}ny`, ['s']); // menyerang → serang
    nasal(`${head}m`, ['p']); // membeli → beli, memukul → pukul
    nasal(`${head}n`, ['t']); // mencari → cari, menulis → tulis
  }
  return forms.filter((form) => form.length >= MIN_ROOT_LENGTH);
}

/**
 * The glossary root of a Malay word, or undefined: the word itself, then with suffixes removed, then with up
 * to two prefixes removed (memperkenalkan → per-kenal). Reduplications ("kanak-kanak") count once.
 */
export function malayRoot(norm: string): string | undefined {
  const halves = norm.split('-');
  const word = halves.length === 2 && halves[1]!.startsWith(halves[0]!) ? halves[1]! : norm;
  const seen = new Set<string>();
  const queue: string[] = [];
  const offer = (form: string) => {
    if (!seen.has(form)) {
      seen.add(form);
      queue.push(form);
    }
  };
  for (const form of suffixForms(word)) offer(form);
  for (let round = 0; round < 2; round++) {
    for (const form of [...queue]) for (const stripped of prefixForms(form)) for (const root of suffixForms(stripped)) offer(root);
  }
  return queue.find((form) => GLOSSARY.has(form));
}

/** The English words for a Malay word (by its root), or undefined when the glossary does not know it. */
export function malayGloss(norm: string): string | undefined {
  const root = malayRoot(norm);
  return root === undefined ? undefined : GLOSSARY.get(root);
}
