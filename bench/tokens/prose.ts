// Sentences of a support handbook and its readers' letters, drawn from templates by a seeded
// generator, so every run counts the same text. Names and rare words are made of syllables: like
// real prose, the text keeps meeting words it has not seen before.
const words = (list: string): readonly string[] => list.split(' ')
const ADJECTIVES = words(
  'late damaged friendly careful expensive broken urgent quiet previous regional final missing ' +
    'short-lived annual generous confusing reliable polite angry local overseas unusual tiny ' +
    'enormous second-hand official temporary formal detailed vague',
)
const NOUNS = words(
  'customer parcel invoice refund warehouse courier manager receipt complaint discount ' +
    'warranty order supplier contract payment review label ticket request policy shipment ' +
    'colleague account chair lamp keyboard jacket subscription voucher delay reply',
)
const VERBS = words(
  'explained rejected approved shipped postponed misunderstood documented recommended ' +
    'questioned replaced summarised highlighted investigated cancelled negotiated overlooked ' +
    'returned promised checked forwarded',
)
const ADVERBS = words('quickly reluctantly politely finally carefully suddenly rarely honestly')
const LINKS = [
  'before the end of the month',
  'because the form was incomplete',
  'after a long discussion on Tuesday',
  'as the contract requires',
  "while the manager wasn't looking",
  'although nobody had complained',
  'once the payment had cleared',
  "and that's when things went wrong",
]
const SYLLABLES = words('ka ro mi ten vel dor sa lin bru qua zen fi ol mar tes ny gre pa hul ix')

type Random = () => number

/** A seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
function seededRandom(seed: number): Random {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T
}

function rareWord(random: Random): string {
  const length = 2 + Math.floor(random() * 3)
  return Array.from({ length }, () => pick(random, SYLLABLES)).join('')
}

function name(random: Random): string {
  const word = rareWord(random)
  return `${word[0]?.toUpperCase()}${word.slice(1)}`
}

function thing(random: Random): string {
  const noun = random() < 0.15 ? rareWord(random) : pick(random, NOUNS)
  return `the ${random() < 0.6 ? `${pick(random, ADJECTIVES)} ` : ''}${noun}`
}

function detail(random: Random): string {
  const number = Math.floor(random() * 10_000)
  const details = [
    `for $${(number / 100).toFixed(2)}`,
    `on ${1 + (number % 28)} March ${1990 + (number % 35)}`,
    `(ticket #${number})`,
    `in ${name(random)}`,
    `by ${(number % 97) + 1}%`,
  ]
  return pick(random, details)
}

function sentence(random: Random): string {
  const subject = random() < 0.3 ? name(random) : thing(random)
  const parts = [subject, random() < 0.3 ? pick(random, ADVERBS) : '', pick(random, VERBS)]
  parts.push(thing(random), random() < 0.5 ? detail(random) : '', pick(random, LINKS))
  const text = parts.filter((part) => part !== '').join(' ')
  const said =
    random() < 0.15
      ? ` "${pick(random, ['Fine', 'Really?', 'Thanks'])}," ${name(random)} said.`
      : ''
  return `${text[0]?.toUpperCase()}${text.slice(1)}${random() < 0.1 ? '!' : '.'}${said}`
}

/** English prose of about `chars` characters: varied sentences in paragraphs. */
export function prose(chars: number, seed = 1): string {
  const random = seededRandom(seed)
  const paragraphs: string[] = []
  let length = 0
  while (length < chars) {
    const sentences = Array.from({ length: 3 + Math.floor(random() * 5) }, () => sentence(random))
    paragraphs.push(sentences.join(' '))
    length += (paragraphs.at(-1)?.length ?? 0) + 2
  }
  return paragraphs.join('\n\n')
}
