/**
 * The domain's vocabulary: slang, typos and alternative names mapped to the words the
 * knowledge base uses. Applied to search queries and to triage text alike.
 */
type Rule = [RegExp, string | ((m: string, g1?: string) => string)];

const RULES: Rule[] = [
  [/\b(?:wa|wapp|whats\s?app|whatsap+|whatapp|whatsupp?|watsapp?|watsap+|wathsapp|whastapp|green (?:chat )?app|meta chat)\b/gi, 'whatsapp'],
  [/\bwaba\b/gi, 'whatsapp business account waba'],
  [/\b13[1l][0o]49\b/gi, '131049'],
  [/\beco-?sy?s?tem[ _-]?engag?e?ments?\b/gi, 'ecosystem engagement'],
  // Not the JSON key "text" of a payload.
  [/(?<!["'])\b(?:texts?|texting|txts?|smss|sms'?s|text messages?)\b(?!["'])/gi, 'sms'],
  [/\b401s?\b|\bunauthori[sz]ed\b|\bunauthenticated\b/gi, 'auth_002 unauthorized api key'],
  [/\bauth[ -]00([1-7])\b/gi, (_m, d) => `auth_00${d}`],
  [/\b(?:1-?800|toll[- ]?free|long[- ]?codes?|short[- ]?codes?|shortcodes?|longcodes?|caller id|from number|sender number)\b/gi, (m) => `sender number ${m}`],
  [/\b(?:otps?|one[- ]time (?:pass)?codes?|2fa|verification codes?|verif codes?)\b/gi, 'otp verification code'],
  [/\b(?:fai?l+[- ]?overs?|fall+[- ]?backs?|fall?bak|failback)\b/gi, 'fallback failover'],
  [/\b(?:10 ?dlc|ten ?dlc|a2p|tcr|application[- ]to[- ]person)\b/gi, '10dlc'],
  [/\b(?:test[_ -]?mode|sand[- ]?box)\b/gi, 'sandbox'],
  [/\btemplat(?:e|es)?\b|\btemplete\b|\bmessage[- ](?:layout|format)s?\b|\blayouts?\b/gi, 'template'],
  [/\bapi[_ -]?keys?\b|\bx-api-key\b/gi, 'api key'],
  // A few words of the languages our users write in most, for the phrases that decide a scenario.
  [/\bno (?:me |les |nos )?(?:llegan?|reciben?)\b|\bn'arrivent? pas\b|\bne (?:sont|est) pas (?:re[çc]us?|livr[ée]s?)\b|\bn[ãa]o (?:chegam?|s[ãa]o entregues|recebem?)\b|\bkommen? nicht an\b|\bwerden nicht zugestellt\b/gi, 'not arriving'],
  [/\balfanum[ée]ric[oa]s?\b|\balphanum[ée]riques?\b|\balphanumerische[nr]?\b/gi, 'alphanumeric'],
  [/\bremitente\b|\bexp[ée]diteur\b|\bremetente\b|\babsender\b/gi, 'sender'],
  [/\bplantillas?\b|\bmod[èe]les?\b|\bvorlagen?\b/gi, 'template'],
  [/\bsoporte\b|\bsuporte\b|\bsu+p+o?r+t\b/gi, 'support'],
  [/\bfixd\b|\bfixt\b/gi, 'fixed'],
  [/\b(?:deliver )?(?:hi )?nahi? (?:ho|aa|mil|pahunch) rah[ei]\b|لا تصل|لا يصل|\bkommt nie an\b|\bkommen nie an\b|\bnunca llegan?\b|\bnunca chegam?\b|\bn'arrivent? jamais\b/gi, 'not arriving'],
  [/(?<!\p{L})(?:s[óo]lo|só|seulement|uniquement|nur|فقط)(?!\p{L})/giu, 'only'],
  [/\bnum[ée]ros?\b|\bnummern?\b|\btelefonnummern?\b|رقم/gi, 'number'],
  [/\bam[ée]ricain(?:e|s|es)?\b|\bamericanos?\b|\bamerikanische[nr]?\b/gi, 'us'],
  [/\babsenderkennung\b|\bidentifiant d'exp[ée]diteur\b|\bnom d'exp[ée]diteur\b|اسم المرسل/gi, 'sender id'],
  [/\bkeine?s? (?:template|vorlage)\b|\bsin plantilla\b|\bsans mod[èe]le\b|\bsem modelo\b/gi, 'no template'],
  [/\b(?:ganz )?normale? textnachricht\b|\bmensaje normal\b|\bmessage normal\b/gi, 'normal text'],
  [/\btage nach der letzten antwort\b|\bjours apr[èe]s la derni[èe]re r[ée]ponse\b|\bd[íi]as despu[ée]s de la [úu]ltima respuesta\b/gi, 'days after the last reply'],
  [/\bobtenir\b|\bbekommen\b|\bconseguir\b|\bobter\b/gi, 'get'],
  [/\bfournisseur\b|\bfornecedor\b|\bproveedor\b|\bprovedor\b|\banbieter\b/gi, 'provider'],
  [/\boutro\b|\botro\b|\bautre\b|\banderen?\b/gi, 'another'],
  [/(?<!\p{L})(?:szablon\p{L}*|şablon\p{L}*|modell[oi]|plantilla\p{L}*)(?!\p{L})/giu, 'template'],
  [/(?<!\p{L})(?:odrzucon\p{L}*|reddedil\p{L}*|ditolak|rifiutat\p{L}*|rechazad\p{L}*|rejeitad\p{L}*|abgelehnt|refus[ée]e?s?)(?!\p{L})/giu, 'rejected'],
  [/(?<!\p{L})(?:duraklatıl\p{L}*|wstrzyman\p{L}*|dijeda|sospes\p{L}*|pausad\p{L}*|pausiert)(?!\p{L})/giu, 'paused'],
  [/(?<!\p{L})(?:przestały dochodzić|nie dochodz\p{L}*|nie przychodz\p{L}*|gitmiyor|ulaşmıyor|gelmiyor|tidak (?:sampai|terkirim|masuk|diterima)|non arriva\p{L}*|non (?:vengono|sono) (?:consegnat\p{L}*|ricevut\p{L}*))(?!\p{L})/giu, 'not arriving'],
  [/(?<!\p{L})(?:kod|kodu|kode|codice|c[óo]digo)(?!\p{L})/giu, 'code'],
  [/(?<!\p{L})(?:verificatiecode|bevestigingscode|verifieringskod|verifizierungscode|code de v[ée]rification|c[óo]digo de verificaci[óo]n)(?!\p{L})/giu, 'verification code'],
  [/(?<!\p{L})(?:inloggen|logga in|anmelden|einloggen|iniciar sesi[óo]n|se connecter|connexion)(?!\p{L})/giu, 'log in'],
  [/(?<!\p{L})(?:krijg geen|ontvang geen|f[åa]r inget|f[åa]r ingen|recibo ning[úu]n|no recibo|je ne re[çc]ois pas)(?!\p{L})/giu, "i don't get"],
  [/(?<!\p{L})(?:modo de prueba|modo de teste|mode test|testmodus|testl[äa]ge)(?!\p{L})/giu, 'sandbox'],
  [/(?<!\p{L})(?:par[áa]metros?|param[èe]tres?)(?!\p{L})/giu, 'parameter'],
  [/(?<!\p{L})(?:moneda|moeda|devise|w[äa]hrung)(?!\p{L})/giu, 'currency'],
  [/(?<!\p{L})(?:fallid[oa]s?|falhou|[ée]chou[ée]e?s?|fehlgeschlagen|mislukt)(?!\p{L})/giu, 'failed'],
  [/(?<!\p{L})(?:sin|sem|sans|ohne|zonder|utan)(?!\p{L})/giu, 'without'],
  [/(?<!\p{L})(?:tel[ée]fono|telefone|t[ée]l[ée]phone|telefoon|telefon) real(?!\p{L})/giu, 'real phone'],
  [/(?<!\p{L})(?:jullie|vuestro|su|votre|ihr|er) dashboard(?!\p{L})/giu, 'your dashboard'],
  [/(?<!\p{L})(?:painel|pannello|panel de control|tableau de bord|instrumententafel)(?!\p{L})/giu, 'dashboard'],
  [/(?<!\p{L})afzender(?!\p{L})/giu, 'sender'],
  [/(?<!\p{L})(?:lokaal|lokale|locale|lokal)(?!\p{L})/giu, 'local'],
  [/(?<!\p{L})komen(?: \p{L}+){0,3} niet aan(?!\p{L})/giu, 'not arriving'],
  [/(?<!\p{L})(?:alleen|enkel)(?!\p{L})/giu, 'only'],
  [/(?<!\p{L})voor(?= sms)/giu, 'for'],
  [/(?<!\p{L})(?:partij|partner|parceiro|socio)(?!\p{L})/giu, 'provider'],
  [/(?<!\p{L})(?:in plaats van|invece di|en lugar de|au lieu de|em vez de)(?!\p{L})/giu, 'instead of'],
  [/(?<!\p{L})(?:willekeurig\p{L}*|casuale|aleatori[oa]|al[ée]atoire)(?!\p{L})/giu, 'random'],
  [/(?<!\p{L})(?:sommige landen|alcuni paesi|algunos pa[íi]ses|certains pays|alguns pa[íi]ses)(?!\p{L})/giu, 'some countries'],
  [/(?<!\p{L})(?:paesi|landen|pa[íi]ses|pays|l[äa]nder)(?!\p{L})/giu, 'countries'],
  [/(?<!\p{L})(?:acquistare|comprar|acheter|kopen|kaufen)(?!\p{L})/giu, 'buy'],
  [/(?<!\p{L})(?:disponibili|disponibles?|dispon[íi]veis|beschikbaar|verf[üu]gbar)(?!\p{L})/giu, 'available'],
  [/(?<!\p{L})(?:un|una|um|uma|ein|eine|een)(?= (?:number|numero|número|nummer))/giu, 'a'],
  [/(?<!\p{L})(?:solo gli stati uniti|solo estados unidos|nur die usa|alleen de vs)(?!\p{L})/giu, 'only us numbers'],
  [/(?<!\p{L})(?:account aan(?: te)? ?maken|een account maken|crear una cuenta|cr[ée]er un compte|criar uma conta|ein konto erstellen)(?!\p{L})/giu, 'create an account'],
  [/(?<!\p{L})(?:bevestigingsmail|best[äa]tigungsmail|e-mail de confirmation|correo de confirmaci[óo]n)(?!\p{L})/giu, 'confirmation email'],
  [/(?<!\p{L})komt niet aan(?!\p{L})/giu, 'not arriving'],
  [/(?<!\p{L})(?:bij|bei|chez) sent(?!\p{L})/giu, 'at sent'],
  [/(?<!\p{L})(?:integração|integración|intégration|integrazione)(?!\p{L})/giu, 'integration'],
  [/(?<!\p{L})kurzwahl\p{L}*(?!\p{L})/giu, 'short code'],
  [/(?<!\p{L})langnummer\p{L}*(?!\p{L})/giu, 'long code'],
  [/(?<!\p{L})absendernummer\p{L}*(?!\p{L})/giu, 'sender number'],
  [/(?<!\p{L})(?:anstatt|statt)(?!\p{L})/giu, 'instead of'],
  [/(?<!\p{L})(?:registrieren|registrarme|registrar-me|m'inscrire|inscrever-me|inscrever)(?!\p{L})/giu, 'sign up'],
  [/(?<!\p{L})(?:bestätigungscode|best[äa]tigungs-code)(?!\p{L})/giu, 'verification code'],
  [/(?<!\p{L})kommt (?:einfach |gar )?nicht an(?!\p{L})/giu, 'not arriving'],
  [/(?<!\p{L})(?:basculement|bascule)(?!\p{L})/giu, 'fallback failover'],
  [/(?<!\p{L})(?:tout part|part) directement en sms(?!\p{L})/giu, 'everything goes straight to sms'],
  [/(?<!\p{L})(?:jamais de tentative|aucune tentative)(?!\p{L})/giu, 'never attempted'],
  [/(?<!\p{L})(?:tempalte|tmplate|templet|templte)s?(?!\p{L})/giu, 'template'],
  [/(?<!\p{L})(?:pendng|pendin|pednign|peding)(?!\p{L})/giu, 'pending'],
  [/ничего (?:из [\p{L} ]{0,20})?не помогло|не помогло/giu, "didn't help"],
  [/поддержк\p{L}*/giu, 'support'],
  [/какие данные/giu, 'what information'],
  [/(?<!\p{L})(?:namba|nambari)(?!\p{L})/giu, 'number'],
  [/(?<!\p{L})kununua(?!\p{L})/giu, 'buy'],
  [/hakuna namba zinazopatikana/giu, 'no numbers available'],
  [/σύντομο αριθμό|σύντομος αριθμός/giu, 'short code'],
  [/προφίλ αποστολέα/giu, 'sender profile'],
  [/届きません|届かない|届いていません/gu, ' not arriving '],
  [/認証/gu, ' verification '],
  [/国番号/gu, ' country code '],
  [/(?<!\p{L})(?:weryfikac\p{L}*|doğrulama|verifikasi|verifica)(?!\p{L})/giu, 'verification'],
  [/(?<!\p{L})(?:kayıt ol\p{L}*|rejestrac\p{L}*|daftar|registrazione|iscrizione)(?!\p{L})/giu, 'sign up'],
];

// diagnose, extraction and search all expand the same text: remember the last few.
const recent = new Map<string, string>();

export function expandSynonyms(text: string): string {
  const hit = recent.get(text);
  if (hit !== undefined) return hit;
  const out = expand(text);
  if (recent.size >= 4) recent.delete(recent.keys().next().value as string);
  recent.set(text, out);
  return out;
}

function expand(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, (m, g1) => ` ${typeof to === 'string' ? to : to(m, typeof g1 === 'string' ? g1 : undefined)} `);
  return out;
}
