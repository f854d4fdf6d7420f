// Every Swedish text the widget shows or reads aloud, so that wording is reviewed in one place.
// Texts that the server sends (error messages, answers, brief contents) are not here.

/** A number the Swedish way: 2 000, 71,5. */
export const num = (n) => n.toLocaleString("sv-SE");

export const DEFAULT_TITLE = "Dialogstöd";
export const noInlineTarget = (selector) =>
  `Dialogstöd: hittar inget element för data-inline="${selector}".`;

// --- the panel ---
export const launcherLabel = (title) => `Fråga ${title}`;
export const NEW_CONVERSATION = "Nytt samtal";
export const CLOSE = "Stäng";
export const CLOSE_CHAT_SUFFIX = " chatten"; // read after "Stäng", hidden from sight
export const CONVERSATION_RESET = "Nytt samtal. Tidigare frågor och svar är borttagna.";

// --- the scope and its picker ---
export const SCOPE_LABEL = "Avgränsning:";
export const GENERAL_SCOPE = "Allmänt underlag";
export const CHANGE = "Byt";
export const CHANGE_SUFFIX = " huvudman";
export const CHOOSE_HUVUDMAN = "Välj huvudman";
export const SEARCH_LABEL = "Sök huvudman (namn eller kod)";
export const pickerHint = (picks) =>
  `Högst ${picks} visas åt gången. Byter du huvudman börjar ett nytt samtal.`;
export const PICK_LIST_LABEL = "Huvudmän";
export const NO_HUVUDMAN = "Ingen huvudman – bara allmänt underlag";
export const NO_MATCH = "Ingen huvudman matchar sökningen.";
export const moreMatches = (more, typedSomething) =>
  `och ${num(more)} till – ${
    typedSomething ? "skriv fler bokstäver" : "skriv en del av namnet eller koden"
  }`;
export const hits = (total) => `${num(total)} ${total === 1 ? "träff" : "träffar"}`;
export const firstHitsShown = (total, shown) =>
  `${hits(total)}, de ${num(shown)} första visas. Skriv fler bokstäver för att se färre.`;
export const pickError = (reason) => `Kunde inte hämta huvudmännen. ${reason} `;
export const TRY_AGAIN = "Försök igen";
export const LOADING_HUVUDMAN = "Hämtar huvudmän …";
/** "Norrforsens kommun (0917)", the bare id while the name is unknown, or the general scope. */
export const scopeLabel = (scope) =>
  scope ? (scope.name ? `${scope.name} (${scope.id})` : scope.id) : GENERAL_SCOPE;
export const scopeChosen = (scope) => `Avgränsning: ${scopeLabel(scope)}.`;
export const scopeChangedNewConversation = (scope) =>
  `Avgränsning: ${scopeLabel(scope)}. Ett nytt samtal har börjat.`;

// --- the conversation ---
export const CONVERSATION_LABEL = "Samtal";
export const STARTERS_SCOPED = [
  "Vilket meritvärde hade eleverna i årskurs 9 2024?",
  "Hur har andelen behöriga lärare utvecklats?",
  "Vilka tre delar består en kvalitetsdialog av?",
];
export const STARTERS_GENERAL = [
  "Vilka tre delar består en kvalitetsdialog av?",
  "Vad innebär systematiskt kvalitetsarbete?",
  "Vad är syftet med regeringsuppdraget?",
];
export const EMPTY_SCOPED =
  "Ställ en fråga om huvudmannens indikatorer, uppdraget, kvalitetsdialogerna eller framgångsfaktorerna. Varje påstående i svaret får en källhänvisning.";
export const EMPTY_GENERAL =
  "Ställ en fråga om uppdraget, kvalitetsdialogerna eller framgångsfaktorerna. Varje påstående i svaret får en källhänvisning.";
export const CHOOSE_FOR_INDICATORS =
  "Välj en huvudman för att också fråga om dess indikatorer.";
export const STARTERS_HEADING = "Förslag på frågor";
export const YOU = "Du: ";
export const BOT_SAYS = "Dialogstöd svarar:";
export const UNSUPPORTED = "Inget stöd i underlaget";
export const SEARCHING = "Söker i underlaget …";
export const PROVISIONAL = "Preliminärt – kontrolleras mot källorna …";
export const SOURCES = "Källor";
export const COPY = "Kopiera svaret";
export const COPIED = "Kopierat";
export const COPIED_SPOKEN = "Svaret har kopierats.";
export const COPY_FAILED = "Kunde inte kopiera. Markera texten och kopiera med Ctrl+C.";
/** What the clipboard gets: the answer, then its sources one a line. */
export const copiedAnswer = (answer, sources) =>
  sources.length ? `${answer}\n\nKällor:\n${sources.join("\n")}` : answer;
export const copiedSource = (c) => `[${c.n}] ${c.title}, ${c.locator} (${c.source})`;
export const answerSpoken = (supported, text) =>
  supported ? `Svar: ${text}` : `Inget stöd i underlaget. ${text}`;

// --- the composer ---
export const QUESTION_LABEL = "Din fråga";
export const PLACEHOLDER = "Skriv din fråga …";
export const SEND = "Skicka";
export const KEYS_HINT = "Enter skickar, Skift+Enter ger ny rad. ";
export const charCount = (length, max) => `${num(length)} av ${num(max)} tecken.`;
export const WAIT_FOR_ANSWER = "Vänta tills svaret är klart.";
export const EMPTY_QUESTION = "Skriv en fråga först.";
export const tooLong = (length, max) =>
  `Frågan är för lång: ${num(length)} tecken. Den får vara högst ${num(max)} tecken – korta den och försök igen.`;
/** Alerts about the question itself, which go away once the question is fixed. */
export const QUESTION_PROBLEM = /för lång|Skriv en fråga/;
export const QUESTION_KEPT = " Din fråga finns kvar i rutan.";

// --- errors from the API ---
export const OFFLINE = "Kunde inte nå servern. Kontrollera anslutningen och försök igen.";
export const ABORTED = "Avbrutet.";
export const rateLimited = (seconds) =>
  seconds
    ? `Du har ställt många frågor på kort tid. Vänta ${seconds} ${seconds === 1 ? "sekund" : "sekunder"} och försök igen.`
    : "Du har ställt många frågor på kort tid. Vänta en stund och försök igen.";
export const tooLongForServer = (max) =>
  `Frågan är för lång. Den får vara högst ${num(max)} tecken – korta den och försök igen.`;
export const unknownHuvudman = (fixedScope) =>
  `Huvudmannen finns inte i underlaget. ${
    fixedScope ? "Kontakta den som ansvarar för sidan." : "Välj en annan huvudman."
  }`;
export const KEY_REFUSED =
  "Tjänsten godtog inte sidans API-nyckel. Kontakta den som ansvarar för sidan.";
export const SERVER_ERROR = "Något gick fel på servern. Försök igen om en stund.";
export const httpFailed = (status) => `Något gick fel (felkod ${status}). Försök igen.`;
export const INCOMPLETE = "Svaret avbröts innan det var klart. Försök igen.";
export const UNEXPECTED_FORMAT =
  "Servern svarade med ett oväntat format. Försök igen om en stund.";

// --- the citation panel ---
export const SOURCE_PREFIX = "Källa "; // read before a citation number, hidden from sight
export const sourceHeading = (n) => `Källa [${n}]`;
export const CLOSE_SOURCE_SUFFIX = " källan";
export const PLACE = "Plats";
export const FILE = "Fil";
export const EXCERPT = "Utdrag";
export const SHOW_CONTEXT = "Visa sammanhang";
export const HIDE_CONTEXT = "Dölj sammanhang";
export const LOADING_CONTEXT = "Hämtar sammanhang …";
export const CONTEXT = "Sammanhang";
export const BEFORE = "Före: ";
export const QUOTED = "Citerat avsnitt: ";
export const AFTER = "Efter: ";
export const CONTEXT_SHOWN = "Sammanhanget visas.";
export const contextFailed = (reason) => `Sammanhanget kunde inte hämtas. ${reason}`;

// --- the dialogue preparation brief ---
export const PREPARE = "Förbered dialog";
export const BACK = "Tillbaka till samtalet";
export const briefHeading = (scope) => `Dialogunderlag: ${scopeLabel(scope)}`;
export const LOADING_BRIEF = "Hämtar förberedelsen …";
export const BRIEF_SHOWN = "Förberedelsen visas.";
export const briefFailed = (reason) => `Förberedelsen kunde inte hämtas. ${reason}`;
export const PRINTABLE = "Utskriftsvänligt underlag (öppnas i ny flik)";
export const PRINTABLE_FAILED =
  "Det utskriftsvänliga underlaget kunde inte hämtas. Försök igen.";
export const ASK_ABOUT = "Fråga om detta";
export const askAboutLabel = (about) => `Fråga om detta: ${about}`;
export const flagCount = (n) => (n === 1 ? "1 flagga" : `${n} flaggor`);
export const LATEST_VALUE = "Senaste värde";
export const NATIONAL = "Riket";
export const DIFFERENCE = "Skillnad";
export const SAME_AS_NATIONAL = "samma nivå som riket";
export const difference = (amount, position) => `${amount} ${position} riket`;
export const DEVELOPMENT = "Utveckling";
/** "; ökning med 2,1 procent 2022–2024": how an indicator has moved (change null: unchanged). */
export const trend = (direction, change, from, to) =>
  `; ${direction}${change === null ? "" : ` med ${change}`} ${from}–${to}`;
export const FLAGS = "Flaggor";
export const successFactors = (names) => `Framgångsfaktorer: ${names.join(", ")}.`;
export const belongsTo = (names) => `Hör till: ${names.join(", ")}.`;
export const QUESTIONS_TO_ASK = "Frågor att ställa";
/** The question "Fråga om detta" asks about an indicator. */
export const indicatorQuestion = (indicator, who) =>
  `Hur har ${indicator} utvecklats för ${who} jämfört med riket?`;
/** The question asked about a flag, by the flag's rule; unknown rules ask the first one. */
export const FLAG_QUESTIONS = {
  samre_an_riket: (x, who) => `Hur ligger ${x} till jämfört med riket för ${who}?`,
  forsamring_tva_ar: (x, who) => `Hur har ${x} utvecklats de senaste åren för ${who}?`,
  saknat_varde: (x, who) => `Varför saknas värdet för ${x} för ${who}?`,
};
