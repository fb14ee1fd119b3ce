/**
 * Characters a person cannot see or tell apart, named so that an error can point at them. Node has no
 * Unicode name table: the common invisibles and look-alikes of Latin letters are named here, any other
 * character by its code point and general category.
 */

const INVISIBLE: Record<number, string> = {
  0x00a0: "NO-BREAK SPACE",
  0x00ad: "SOFT HYPHEN",
  0x034f: "COMBINING GRAPHEME JOINER",
  0x061c: "ARABIC LETTER MARK",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
};

/** Cyrillic and Greek letters drawn like a Latin one: the Latin letter each imitates. */
const LOOK_ALIKES: Record<number, [name: string, latin: string]> = {
  0x0430: ["CYRILLIC SMALL LETTER A", "a"],
  0x0435: ["CYRILLIC SMALL LETTER IE", "e"],
  0x043e: ["CYRILLIC SMALL LETTER O", "o"],
  0x0440: ["CYRILLIC SMALL LETTER ER", "p"],
  0x0441: ["CYRILLIC SMALL LETTER ES", "c"],
  0x0443: ["CYRILLIC SMALL LETTER U", "y"],
  0x0445: ["CYRILLIC SMALL LETTER HA", "x"],
  0x0455: ["CYRILLIC SMALL LETTER DZE", "s"],
  0x0456: ["CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", "i"],
  0x0458: ["CYRILLIC SMALL LETTER JE", "j"],
  0x04bb: ["CYRILLIC SMALL LETTER SHHA", "h"],
  0x0501: ["CYRILLIC SMALL LETTER KOMI DE", "d"],
  0x0410: ["CYRILLIC CAPITAL LETTER A", "A"],
  0x0412: ["CYRILLIC CAPITAL LETTER VE", "B"],
  0x0415: ["CYRILLIC CAPITAL LETTER IE", "E"],
  0x041a: ["CYRILLIC CAPITAL LETTER KA", "K"],
  0x041c: ["CYRILLIC CAPITAL LETTER EM", "M"],
  0x041d: ["CYRILLIC CAPITAL LETTER EN", "H"],
  0x041e: ["CYRILLIC CAPITAL LETTER O", "O"],
  0x0420: ["CYRILLIC CAPITAL LETTER ER", "P"],
  0x0421: ["CYRILLIC CAPITAL LETTER ES", "C"],
  0x0422: ["CYRILLIC CAPITAL LETTER TE", "T"],
  0x0425: ["CYRILLIC CAPITAL LETTER HA", "X"],
  0x03b1: ["GREEK SMALL LETTER ALPHA", "a"],
  0x03b9: ["GREEK SMALL LETTER IOTA", "i"],
  0x03bd: ["GREEK SMALL LETTER NU", "v"],
  0x03bf: ["GREEK SMALL LETTER OMICRON", "o"],
  0x03c1: ["GREEK SMALL LETTER RHO", "p"],
  0x0391: ["GREEK CAPITAL LETTER ALPHA", "A"],
  0x0392: ["GREEK CAPITAL LETTER BETA", "B"],
  0x0395: ["GREEK CAPITAL LETTER EPSILON", "E"],
  0x0397: ["GREEK CAPITAL LETTER ETA", "H"],
  0x0399: ["GREEK CAPITAL LETTER IOTA", "I"],
  0x039a: ["GREEK CAPITAL LETTER KAPPA", "K"],
  0x039c: ["GREEK CAPITAL LETTER MU", "M"],
  0x039d: ["GREEK CAPITAL LETTER NU", "N"],
  0x039f: ["GREEK CAPITAL LETTER OMICRON", "O"],
  0x03a1: ["GREEK CAPITAL LETTER RHO", "P"],
  0x03a4: ["GREEK CAPITAL LETTER TAU", "T"],
  0x03a5: ["GREEK CAPITAL LETTER UPSILON", "Y"],
  0x03a7: ["GREEK CAPITAL LETTER CHI", "X"],
  0x0396: ["GREEK CAPITAL LETTER ZETA", "Z"],
};

const CATEGORIES: [RegExp, string][] = [
  [/\p{Cc}/u, "a control character"],
  [/\p{Cf}/u, "an invisible formatting character"],
  [/\p{Zs}/u, "a space"],
  [/\p{Lu}/u, "an upper-case letter"],
  [/\p{Ll}/u, "a lower-case letter"],
  [/\p{L}/u, "a letter"],
  [/\p{M}/u, "a combining mark"],
  [/\p{N}/u, "a digit or number"],
  [/\p{P}/u, "a punctuation mark"],
  [/\p{S}/u, "a symbol"],
  [/\p{Co}/u, "a private-use character"],
];

/** "U+0430 CYRILLIC SMALL LETTER A", or "U+00E9 (a lower-case letter)" for a character not in the tables. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = INVISIBLE[code] ?? LOOK_ALIKES[code]?.[0] ?? fullwidthName(code);
  if (name) return `${hex} ${name}`;
  const category = CATEGORIES.find(([pattern]) => pattern.test(character))?.[1] ?? "an unassigned code point";
  return `${hex} (${category})`;
}

/** The Latin letter a look-alike imitates, for the fix ("type a Latin a"). */
export function latinLookAlike(character: string): string | undefined {
  const code = character.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0);
  return LOOK_ALIKES[code]?.[1];
}

/** Fullwidth forms (U+FF01..FF5E) are the ASCII characters U+0021..007E drawn wide. */
function fullwidthName(code: number): string | undefined {
  if (code < 0xff01 || code > 0xff5e) return undefined;
  const ascii = String.fromCodePoint(code - 0xfee0);
  if (/[a-z]/.test(ascii)) return `FULLWIDTH LATIN SMALL LETTER ${ascii.toUpperCase()}`;
  if (/[A-Z]/.test(ascii)) return `FULLWIDTH LATIN CAPITAL LETTER ${ascii}`;
  if (ascii === "@") return "FULLWIDTH COMMERCIAL AT";
  if (ascii === ".") return "FULLWIDTH FULL STOP";
  return `FULLWIDTH form of "${ascii}"`;
}

/** A character at a 1-based position among the value's characters (code points, as AWS counts length). */
export interface CharacterAt {
  character: string;
  position: number;
}

/** Control and format characters (zero-width, bidirectional controls, soft hyphen, BOM) and line separators. */
const INVISIBLE_CATEGORIES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** The first character AWS's EmailAddress pattern refuses for not being printable ASCII. */
export function nonAsciiCharacterIn(value: string): CharacterAt | undefined {
  return firstMatching(value, (code) => code < 0x20 || code > 0x7e);
}

/** The first control, zero-width, bidirectional or other invisible character: shown to reviewers as nothing, or reordering the text around it. */
export function invisibleCharacterIn(value: string): CharacterAt | undefined {
  return firstMatching(value, (_, character) => INVISIBLE_CATEGORIES.test(character));
}

function firstMatching(value: string, matches: (code: number, character: string) => boolean): CharacterAt | undefined {
  let position = 0;
  for (const character of value) {
    position++;
    if (matches(character.codePointAt(0)!, character)) return { character, position };
  }
  return undefined;
}
