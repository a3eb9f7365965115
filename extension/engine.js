/*
 * plaint field engine: the one piece of code that decides which form control
 * gets which profile or case value, and fills it.
 *
 * Every fill path uses this file: the extension injects it as a content script
 * (after field_keys.js), the Playwright runner evaluates it in an isolated
 * world of the page.  Plain script, no modules, no build step.  It defines
 * globalThis.PlaintEngine = {version, classify, fill, undo}.
 *
 * It never submits: no form.submit(), no requestSubmit(), no click on anything
 * but the radio or checkbox being chosen, no keyboard events at all.
 *
 * How it decides is documented in docs/engine.md.
 */
(function () {
  "use strict";

  const VERSION = "1.0.0";
  if (globalThis.PlaintEngine && globalThis.PlaintEngine.version === VERSION) return;

  const FIELD_KEYS = globalThis.PLAINT_FIELD_KEYS;
  if (!Array.isArray(FIELD_KEYS)) {
    throw new Error("plaint: load field_keys.js before engine.js");
  }
  const KEY_META = Object.fromEntries(FIELD_KEYS.map((k) => [k.key, k]));

  // ---------------------------------------------------------------------------
  // Weights.  A key is taken from the strongest signal that names one; the
  // others add or subtract a little.  Below FILL_THRESHOLD a field is left
  // empty: a wrong fill is worse than none.
  const WEIGHT = {
    autocomplete: 1.0,
    label: 0.9,
    type: 0.85,
    name: 0.8,
    placeholder: 0.75,
    nearby: 0.7,
    options: 0.85,
  };
  const FILL_THRESHOLD = 0.6;
  // A sensitive value (ID number, birth date) goes only into a field whose own
  // label or autocomplete token asks for exactly it.
  const SENSITIVE_THRESHOLD = 0.85;
  const SENSITIVE_SOURCES = new Set(["autocomplete", "label", "rule"]);

  const TEXT_TYPES = new Set(["text", "email", "tel", "number", "search", "url", "date", ""]);
  const IGNORED_TYPES = new Set(["hidden", "submit", "button", "reset", "image"]);
  const CONTROL_SELECTOR = "input, select, textarea";

  // ---------------------------------------------------------------------------
  // Text helpers.

  function collapse(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // Lower case, compatibility forms folded (full-width letters, 　 spaces),
  // everything that is not a letter, digit or mark turned into one space.
  function norm(text) {
    return (text || "")
      .normalize("NFKC")
      .toLowerCase()
      .replace(/\u0307/g, "") // "İ".toLowerCase() is "i" + a combining dot
      .replace(/[\u200c\u200d]/g, "") // joiners inside Indic words
      .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
      .trim();
  }

  // Chinese labels are often spaced out for alignment ("姓　　名").
  function squeezeCjk(text) {
    return text.replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, "$1");
  }

  // "billAddress1", "{actionForm.firstName}", "a[b][c]" → "bill address 1" …
  function identifierWords(text) {
    return memoised("i", text || "", splitIdentifier);
  }

  function splitIdentifier(text) {
    return norm(
      (text || "")
        .replace(/([a-z])([A-Z])/g, "$1 $2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
        .replace(/([A-Za-z])(\d)/g, "$1 $2")
        .replace(/(\d)([A-Za-z])/g, "$1 $2")
    );
  }

  // Labels and names repeat from one call to the next: remember their words.
  const wordsMemo = new Map();

  function memoised(kind, text, make) {
    const key = kind + text;
    let words = wordsMemo.get(key);
    if (words === undefined) {
      if (wordsMemo.size > 5000) wordsMemo.clear();
      words = make(text);
      wordsMemo.set(key, words);
    }
    return words;
  }

  function labelText(text) {
    return memoised("l", text || "", (t) => squeezeCjk(norm(t)));
  }

  // ---------------------------------------------------------------------------
  // Lexicon.  Each entry is [outcome, strength, pattern].  Outcomes:
  //   a canonical key   the text asks for that value ("address" and "county"
  //                     are settled once the whole form is seen)
  //   "!kind"           the field must never be filled from a profile
  //   "-", "-company" … the text names something that is not a profile value;
  //                     the named ones matter to whole-form decisions
  // The first entry whose pattern matches a text decides for that text, so
  // specific phrases come before general ones.  "\b" in a pattern is a word
  // edge in any script that lets digits touch letters: "address1" matches
  // "\baddress\b".  Strength below 1 marks a vaguer phrase.

  // A word edge: letters meet a non-letter, or digits meet neither letter nor digit.
  const LB =
    "(?:(?<!\\p{L})(?=\\p{L})|(?<=\\p{L})(?!\\p{L})|(?<![\\p{L}\\p{N}])(?=\\p{N})|(?<=\\p{N})(?![\\p{L}\\p{N}]))";

  // Where the pattern has a literal letter or digit beside the edge, half of LB
  // is already decided and the rest is one look-around: the same matches, but
  // far less for the regexp engine to compile on a page's first fill.
  const LETTER = /\p{L}/u;
  const DIGIT = /\p{N}/u;

  function edge(source, at) {
    const before = source[at - 1];
    const after = source[at + 2];
    if (before && source[at - 2] !== "\\") {
      if (LETTER.test(before)) return "(?!\\p{L})";
      if (DIGIT.test(before)) return "(?!\\p{N})";
    }
    const then = source[at + 3];
    if (after && !(then && "?*{".includes(then))) {
      if (LETTER.test(after)) return "(?<!\\p{L})";
      if (DIGIT.test(after)) return "(?<!\\p{N})";
    }
    return LB;
  }

  function rx(source) {
    return new RegExp(source.replace(/\\b/g, (_, at) => edge(source, at)), "u");
  }

  // An optional fourth element limits an entry to "label" texts (labels,
  // placeholders, nearby text) or to "name" texts (name and id attributes).
  function entries(list) {
    return list.map(([outcome, strength, source, only]) => ({ outcome, strength, re: rx(source), only }));
  }

  // Things that are never filled, whatever else the label says.
  const REFUSE = entries([
    ["!seed", 1, "seed ?(phrase|words?)|recovery ?(phrase|words|seed)|secret ?(recovery )?phrase|mnemonic|private ?key|backup ?phrase|wallet ?seed|助记词|私钥|恢复短语|种子短语"],
    ["!cvv", 1, "\\bc ?v ?v ?2?\\b|\\bcvc ?2?\\b|\\bcvn\\b|\\bcsc\\b|\\bcid\\b|card ?(security|verification|validation|identification) ?(code|number|value)|security ?(code|number|value)|安全码|卡验证|背面.*(三|3)位"],
    ["!password", 1, "pass ?word|passwd|pass ?phrase|\\bpwd\\b|\\bpass\\b|\\bpin\\b(?! ?(code|number|no))|kennwort|passwort|contrase[ñn]a|senha|mot de passe|\\bparola|wachtwoord|пароль|şifre|\\bsifre\\b|kata ?sandi|密码|口令|パスワード|비밀번호|security ?(question|answer)|secret ?(question|answer)|密保|安全问题|challenge (question|answer)"],
    ["!captcha", 1, "captcha|characters? (you see|shown|in the (image|picture))|(code|text|word|letters?) (shown|you see|in the (image|picture))|(type|enter) (what|the (code|text|characters|word)s?) (you see|shown|above|below)|enter what you see|word ?verif|human verification|not a robot|图形验证|图片验证|人机验证|看不清|驗證碼|图形码"],
    ["!otp", 1, "one ?time ?(pass|code|pin)|\\botp\\b|\\btotp\\b|verification ?code|verify ?code|verif(y|ication) ?pin|confirmation ?code|auth(entication|enticator|orization)? ?code|access ?code|security ?token|2 ?fa\\b|two ?(factor|step)|\\bmfa\\b|sms ?code|text(ed)? code|code (we )?(sent|texted|emailed)|验证码|校验码|动态码|动态密码|短信码|确认码|認証コード|인증번호"],
    ["!bank_card", 1, "bank ?card|debit ?card ?(number|no)|\\biban\\b|routing ?(number|no)|sort ?code|\\bbic\\b|swift|bank ?account ?(number|no)|银行卡|储蓄卡|借记卡|银行账号|银行帐号|开户行"],
    ["!card", 1, "card ?(number|no|num|#)|\\bcc ?(num(ber)?|no|number|holder|name|type|exp)|\\bccnum|credit ?card|\\bcard\\b|cardholder|card ?holder|name on (the )?card|expir|\\bexp\\b|exp ?(date|month|year|mm|yy)|valid (thru|through|until|from)|gültig|kreditkarte|karten|tarjeta|\\bcarta\\b|titolare|cartão|cartao|carte (bancaire|de crédit)|numéro de carte|kredi kart|kredit|карт|kartu|kartı|信用卡|卡号|持卡人|有效期|カード番号|카드"],
  ]);

  // Someone else's details: a scammer, a recipient, a co-complainant …
  const THIRD_PARTY = entries([
    ["!third_party", 1, "alt(ernate|ernative)? ?pick ?up|pick ?up person|scammer|fraudster|suspect|perpetrator|offender|criminal|\\bsubjects?\\b ?(name|e ?mail|phone|tel|address|contact|website|url|info|details|\\d)|subject s (name|e ?mail|phone|address|contact|website)|recipient|payee|beneficiar|receiver|\\bseller|other ?party|\\b(their|his|her) (full |first |last )?(name|e ?mail|phone|address|number|contact)|person (you|who) (paid|sent|dealt|contacted)|someone else|third ?party|friend|referr(er|al)|emergency contact|next of kin|witness|joint (account|applicant|complainant|holder)|co ?(complainant|applicant|signer|holder)|complaining with you|on (your|their|his|her) behalf|representative|\\bagent s\\b|对方|收款人|收款方|收款账|嫌疑人|诈骗|骗子|卖家|第三方|共同投诉|代理人|委托人|证人|紧急联系人|被投诉.*(电话|手机|邮箱|地址|联系|账号)"],
  ]);

  const KEY_RULES = entries([
    // Not profile values at all; listed first so "User name" is not a name.
    ["-", 1, "user ?name|\\buser ?id\\b|login|log ?in ?(id|name)|sign ?in|screen ?name|display ?name|nick ?name|\\bnick\\b|member ?(name|id)|\\balias\\b|用户名|昵称|登录名"],
    ["-", 1, "\\bsearch|keyword|query|搜索|coupon|promo|voucher|discount|gift ?card|redeem|\\bquantity|\\bqty\\b|newsletter|subscribe|unsubscribe|\\bsku\\b|\\bprice|\\bdonat|\\btip\\b|价格"],
    ["-", 1, "attach|upload|附件|上传|附加檔案|\\bfax\\b|传真|\\bfaks|website|web ?site|homepage|\\burl\\b|网址|网站|\\bip ?address|wallet ?address|crypto|bitcoin|\\bbtc\\b|\\beth\\b|钱包地址"],
    ["-", 1, "complaint ?(number|no|id|reference|ref)|case ?(number|no|id)|ticket ?(number|no|id)|投诉编号|工单号"],
    // Names of an address ("Home", "Office"), landmarks, "other state" boxes.
    ["-", 1, "(address|adres|alamat|endereço|endereco) ?(title|name|nickname|label|başlığı|basligi|identifica)|(nama|identificação do|identificacao do) (alamat|endereço|endereco)|land ?mark|^other\\b|\\bnon ?us\\b|outside (the )?(us|united states)"],
    // Case: the complaint itself.
    ["complaint_title", 1, "(complaint|issue|problem|case|report) ?(title|subject|summary|headline|topic)|subject of (your |the |this )?(complaint|issue|problem|report)|投诉标题|投诉主题|标题|主题|事由|件名|제목"],
    ["desired_resolution", 1, "desired (resolution|outcome|result|remedy)|resolution (you|requested|sought|wanted|desired)|fair (resolution|outcome)|(what|how) (would|do|should) you (like|want|expect) (the |this |it |them |us |things )?(\\w+ )?(to )?(be )?(do|happen|resolved?|settled?|fixed|fix|put right|sorted)\\b|what (do you|would you like) .*(to do|to happen)|put (this|it|things) right|remedy|outcome you|(your|the) (demand|request)s? (for|to)|诉求|投诉要求|处理要求|期望.*(结果|解决|处理)|希望.*(解决|处理)|解决方案|要求赔偿|赔偿要求"],
    ["complaint_description", 1, "describe|description|what happened|tell us (what|about|more)|details? (of|about) (your |the |this )?(complaint|issue|problem|incident|dispute|situation)|(complaint|issue|problem|incident|dispute) (details|description|narrative|summary)|your complaint|narrative|explain (what|the)|what went wrong|投诉内容|详细描述|问题描述|情况说明|投诉详情|事情经过|具体情况|详细说明|事件经过|描述|経緯"],
    // The company a complaint is about (its own name only).
    ["company_name", 1, "(company|business|firm|merchant|provider|institution|organi[sz]ation|bank|platform|app)( s)?( name)? (you re |you are |you )?(complaining|complained|reporting|involved|responsible)|(which|what) (company|business|firm|merchant|provider|app)|name of (the )?(company|business|firm|merchant|provider|institution|app|platform)|merchant ?name|company (complained|involved)|被投诉(方|人|企业|单位|公司|商家|对象|平台)?(名称|全称)?$|投诉对象|商家名称|商户名称|经营者名称|平台名称|被投诉"],
    ["-company", 1, "company|business|\\bfirm\\b|employer|organi[sz]ation|\\borg\\b|firma|firmen|empresa|compañ|società|azienda|entreprise|société|bedrijf|компани|организац|perusahaan|şirket|sirket|公司|单位|企业|機構|会社|회사"],
    ["transaction_id", 1, "transaction ?(id|number|no|reference|ref|hash|code)|\\btx ?(id|hash)|\\btxn|order ?(id|number|no|#)|payment ?(id|reference|ref|number|no)|receipt ?(number|no)|invoice ?(number|no)|交易单号|交易号|交易编号|订单号|订单编号|流水号|商户单号|支付单号|交易流水|注文番号"],
    ["account_id", 1, "(paypal|venmo|cash ?app|coinbase|alipay|wechat|wallet|exchange) ?(account|id|user|email|username|handle|cashtag|tag)|(your )?account (id|identifier|email|handle) (with|at|on)|account with (the )?(company|provider)|customer ?(id|number|reference|ref)|membership ?(number|no)|\\bcashtag|支付宝账|微信号|微信账|会员号|客户号"],
    ["account_id", 0.8, "account ?(id|number|no|#)|账户号|账号|账户|帐号"],
    ["incident_date", 1, "(date|when|day) (of |did )?(the )?(incident|transaction|problem|issue|payment|loss|occurrence|event|dispute|purchase|this happen|it happen)|when did|(incident|transaction|purchase|payment|loss|dispute) date|date (it|this) happened|发生(日期|时间)|交易(日期|时间)|事发(日期|时间)|支付(日期|时间)|付款(日期|时间)|购买(日期|时间)|消费(日期|时间)"],
    ["amount", 1, "amount (lost|involved|disputed|in dispute|of (the |your )?(loss|transaction|payment|money|dispute)|paid|sent|taken|charged)|(transaction|disputed|loss|lost|payment|refund|claim) amount|how much|money (lost|taken|involved)|涉诉金额|涉及金额|损失金额|交易金额|争议金额|投诉金额|金额"],
    ["amount", 0.6, "\\bamount\\b|\\bsum\\b"],
    ["currency", 1, "currency|币种|货币|通貨"],
    ["category", 1, "(complaint|problem|issue|dispute|report) ?(type|category|kind|reason)|type of (complaint|problem|issue|dispute|fraud|scam|report)|(which|what) .*(best )?describes|what (is )?(the |your )?(complaint|issue|problem) (is )?about|reason for (your |the )?(complaint|dispute|report)|投诉类别|投诉类型|问题类型|投诉问题|纠纷类型|问题分类|投诉原因"],
    ["category", 0.8, "\\bcategory|\\bproduct\\b|\\bissue\\b|\\breason\\b|\\bproblem\\b|类别|类型|分类"],
    // Identity documents: only a plain ID number is ours; SSN, tax and
    // passport numbers are other documents the profile does not hold.
    ["-", 1, "social security|\\bssn\\b|\\bsin\\b|tax ?(id|number|no|payer)|\\btin\\b|national insurance|\\bnin\\b|passport|driver s licen|driving licen|licen[cs]e ?(number|no)|税号|护照|驾驶证|证件类型|document type|id type|type of id"],
    ["id_number", 1, "(national|government|personal|citizen|resident|identity) ?(id|identification|card)( number| no)?|\\bid ?(card )?(number|no)\\b|identity ?(card|number|document) ?(number|no)?|身份证|证件号|公民身份号码|身份号码|居民身份"],
    // Names.
    ["-", 1, "middle|\\bmi\\b|\\binitial|mittel|segundo nombre|отчество|salutation|honorific|name ?(prefix|suffix)|^(prefix|suffix)$|anrede|称谓|称呼|\\bgender\\b|\\bsex\\b|性别|\\bage\\b|年龄|\\bnationality|国籍|relationship|关系|occupation|职业|\\bjob\\b|birth ?(place|country|city)|place of birth|出生地"],
    // "Title" beside a name is Mr/Ms; a complaint's title says so ("Complaint title").
    ["-", 1, "^\\*?title$|^(your )?title (mr|optional)|mr mrs|mr ms", "label"],
    // A second surname has no key of its own.
    ["-", 1, "segund[oa] apellido|apellidos? materno|second (surname|last name|family name)|maternal (surname|name)"],
    // Street and house number asked apart: a street name alone is not line 1.
    ["address_line1", 1, "(straße|strasse|street) (und|mit|and|&|with) (haus)?(nummer|number|no)"],
    ["-house", 1, "house ?(number|no)|hausnummer|номер дома|\\bдом\\b|número da residência|numero da residencia|^(n[uú]mero|number|nr|no)$"],
    ["-street", 1, "street ?name|straßenname|strassenname|название улицы"],
    ["full_name", 1, "full ?name|your name|legal name|complete name|name (and|&) surname|first (and|&) last name|nombre completo|nome completo|nom complet|vollständiger name|vor ?und nachname|полное имя|\\bф ?и ?о\\b|ad ?soyad|adı soyadı|nama lengkap|nama penerima|真实姓名|姓名|联系人|投诉人|申请人|氏名|お名前|성명"],
    ["family_name", 0.85, "\\blname\\b|\\bl ?name\\b|\\bln\\b"],
    ["family_name", 1, "last ?name|family ?name|sur ?name|second ?name|nachname|familienname|apellido|cognome|sobrenome|nom de famille|achternaam|фамилия|\\bsoyad|nama belakang|nama keluarga|姓氏|^姓$|苗字|उपनाम"],
    ["given_name", 0.85, "\\bfname\\b|\\bf ?name\\b|\\bfn\\b"],
    ["given_name", 1, "first ?name|given ?name|fore ?name|christian name|vorname|prénom|prenom|voornaam|nama depan|\\bимя\\b|^名$|名字|^ad$"],
    ["given_name", 0.9, "(^| )first$"],
    ["family_name", 0.9, "(^| )last$"],
    ["full_name", 0.8, "\\bname\\b|\\bnombre\\b|\\bnome\\b|\\bnom\\b|\\bnama\\b|\\bnaam\\b|\\bимя\\b|नाम|名前|이름", "label"],
    ["full_name", 0.8, "^((bill|billing|ship|shipping|contact|customer|cust|your|my|person|applicant|complainant|sender|user) )?name$", "name"],
    // Contact.
    ["email", 1, "e ?mail|\\bemail|ഇ ?മെയി(ല്|ൽ)|correo|courriel|posta elettronica|e ?posta|\\beposta|почта|электронн|surel|surat elektronik|邮箱|邮件|电子邮|電子郵件|電郵|メール|이메일|ईमेल"],
    ["-", 1, "phone ?type|type of phone|\\bext(ension)?\\b|durchwahl|分机"],
    ["-callingcode", 1, "(phone|tel|telephone|mobile|dial(l)?ing|calling) ?(country )?code|country ?(calling|dial(l)?ing) ?code|phone ?country|国家代码|国际区号|国家/地区代码"],
    ["-areacode", 1, "area ?code|city ?code|区号|\\bvorwahl|\\bprefix\\b"],
    ["phone", 1, "phone|മൊബൈ(ല്|ൽ)|ഫോൺ|telefon|téléphone|telefone|telephone|teléfono|\\btel\\b|\\btelp\\b|mobile|\\bmob\\b|\\bcell|handy|celular|cellulare|móvil|movil|телефон|мобильн|nomor (hp|telepon|ponsel|handphone)|handphone|\\bhp\\b|\\bph\\b|手机|电话|電話|联系方式|携帯|전화|휴대폰|मोबाइल|फ़ोन|फोन"],
    // Address, most specific first.
    ["-", 1, "address ?(line )?3|\\baddr ?3|address (line )?three|line 3"],
    ["address_line2", 1, "address ?(line )?2|\\badd(r|ress)? ?2\\b|address (line )?two|street ?(address )?2|line 2|\\bapt\\b|apartment|\\bsuite\\b|\\bunit\\b|\\bflat\\b|\\bfloor\\b|adresszusatz|complemento|línea 2|indirizzo 2|地址第二行|门牌号|楼层|室号"],
    ["address_line1", 1, "address ?(line )?1|\\badd(r|ress)? ?1\\b|address (line )?one|street|straße|strasse|\\bcalle\\b|\\brua\\b|\\brue\\b|\\bvia\\b|улица|详细地址|街道|门牌"],
    ["postal_code", 1, "\\bzip|പിന് ?കോഡ്|പിൻ ?കോഡ്|postal|post ?code|postcode|pin ?code|\\bpincode|\\bplz\\b|postleitzahl|código postal|codigo postal|\\bcep\\b|\\bcap\\b|code postal|почтовый индекс|\\bиндекс\\b|posta kodu|kode ?pos|邮编|邮政编码|郵便番号|우편번호|पिन कोड"],
    ["country", 1, "country|\\bnation\\b|\\bland\\b|\\bpaís\\b|\\bpais\\b|\\bpaese\\b|nazione|\\bpays\\b|страна|\\bülke|\\bulke|\\bulce|\\bnegara\\b|国家|国別|국가"],
    ["city", 1, "\\bcity|നഗരം|\\btown\\b|suburb|locality|municipality|\\bstadt\\b|\\bort\\b|wohnort|ciudad|poblaci[oó]n|localidad|città|\\bcitta\\b|\\bcomune\\b|cidade|\\bville\\b|\\bplaats\\b|город|населённый пункт|населенный пункт|şehir|sehir|ilçe|\\bilce\\b|\\bkota\\b|kabupaten|城市|所在市|^市$|शहर"],
    ["county", 1, "\\bcounty\\b"],
    ["state", 1, "\\bstate\\b|സംസ്ഥാനം|province|provinci|\\bregion\\b|prefecture|territory|bundesland|provincia|regione|\\bestado\\b|région|область|регион|\\bкрай\\b|^il$|provinsi|省份|^省$|所在省|省/直辖市|自治区|^州$|都道府県|राज्य"],
    ["full_address", 1, "full ?address|complete address|whole address|完整地址"],
    ["address", 0.9, "address|\\baddr\\b|adresse|\\badres\\b|alamat|direcci[oó]n|indirizzo|endereço|endereco|\\badresa\\b|адрес|通讯地址|联系地址|邮寄地址|家庭住址|居住地址|现住址|住址|地址|住所|주소"],
    ["date_of_birth", 1, "birth|\\bdob\\b|birthday|geburts|nacimiento|nascita|naissance|рождени|doğum|lahir|出生|生日|생년월일"],
  ]);

  // Field words that identifiers glue to a short prefix: "dcity", "dnrfirst", "billemail".
  const GLUED = /^([a-z]{1,5}?)(firstname|lastname|fullname|surname|first|last|email|phone|mobile|city|state|zipcode|zip|postcode|postalcode|country|address|addr|add|street)(\d?)$/;

  function unglue(words) {
    return words
      .split(" ")
      .map((w) => {
        const m = GLUED.exec(w);
        return m && m[1] ? `${m[1]} ${m[2]}${m[3] ? " " + m[3] : ""}` : w;
      })
      .join(" ");
  }

  // Section headings: whose details follow.
  const SECTION_RULES = entries([
    ["other", 1, "alt(ernate|ernative)? ?pick ?up|pick ?up person|person (collecting|picking up)|scammer|fraudster|suspect|perpetrator|offender|(about|of) the subjects?\\b|\\bsubjects? (s|who|information|info|details|contact)\\b|victimi[sz]ed you|who (scammed|defrauded|contacted|cheated|victimi[sz]ed)|recipient|payee|beneficiar|receiver|\\bseller|other ?party|complaining with you|anyone (else )?complaining|joint (account|applicant|complainant|holder)|co ?(complainant|applicant)|someone else|on (your|their) behalf|representative|witness|emergency contact|next of kin|third ?party|person (you|who) (paid|sent|dealt)|对方|嫌疑人|诈骗|骗子|收款|卖家|代理人|共同投诉|第三方|证人|紧急联系人|被投诉人信息"],
    ["company", 1, "(company|business|firm|merchant|provider|institution|organi[sz]ation|app|platform) (you|that|which|information|details|involved|responsible)|(about|of|details of) the (company|business|firm|merchant|provider)|company information|business information|product information|被投诉方|被投诉企业|被投诉对象|投诉对象|商家信息|企业信息|经营者信息"],
    ["payment", 1, "(credit|debit|payment|bank) ?card|card ?(details|information|info|holder)|cardholder|银行卡|信用卡|借记卡|卡片信息"],
    ["self", 1, "your (details|information|info|contact|name|address)|about you|my (details|information|info|contact)|personal (details|information|info)|contact (details|information|info)|\\bvictim|complainant|who filed|投诉人|本人|我的|个人信息|联系方式|基本信息|申请人"],
  ]);

  // Consent, certification, agreement: the person ticks these, never plaint.
  const CONSENT = rx(
    "agree|consent|certif|\\bi confirm|confirm that|acknowledg|\\baccept|\\bterms\\b|privacy|declar|attest|\\bi (hereby )?authori[sz]e|authori[sz]e (us|the|you)\\b|authori[sz]ation (to|for)|i understand|opt ?in|signature|sign here|\\bsign\\b|同意|确认|声明|承诺|已阅读|阅读并|知悉|授权|签名|签字"
  );
  const SIGNATURE = rx("signature|sign here|type your (full )?name to sign|electronic(ally)? sign|电子签名|签名|签字");

  const AUTOCOMPLETE = {
    name: "full_name",
    "given-name": "given_name",
    "family-name": "family_name",
    email: "email",
    tel: "phone",
    "tel-national": "phone",
    "street-address": "address_line1",
    "address-line1": "address_line1",
    "address-line2": "address_line2",
    "address-level1": "state",
    "address-level2": "city",
    "postal-code": "postal_code",
    country: "country",
    "country-name": "country",
    bday: "date_of_birth",
    "transaction-currency": "currency",
    "transaction-amount": "amount",
    "current-password": "!password",
    "new-password": "!password",
    "one-time-code": "!otp",
    "cc-csc": "!cvv",
  };
  // Known tokens that name something the profile does not hold as one value.
  const AUTOCOMPLETE_NONE = new Set([
    "additional-name", "honorific-prefix", "honorific-suffix", "nickname", "username",
    "organization-title", "organization", "address-line3", "address-level3", "address-level4",
    "tel-country-code", "tel-area-code", "tel-local", "tel-local-prefix", "tel-local-suffix",
    "tel-extension", "bday-day", "bday-month", "bday-year", "sex", "url", "photo", "impp",
    "language", "webauthn",
  ]);

  // ---------------------------------------------------------------------------
  // Matching texts against the lexicon.

  const memo = new Map();

  // What one text asks for: a refusal, a key, "not a profile value", or null.
  // ``kind`` is "label" for visible texts, "name" for name and id attributes.
  function outcomeOf(text, kind, extraThirdParty) {
    if (!text) return null;
    const extra = extraThirdParty && extraThirdParty.length ? extraThirdParty : null;
    const cacheKey = extra ? null : kind + "\u0000" + text;
    if (cacheKey !== null && memo.has(cacheKey)) return memo.get(cacheKey);
    let found = firstMatch(REFUSE, text, kind) || firstMatch(THIRD_PARTY, text, kind);
    if (!found && extra && extra.some((p) => text.includes(p))) {
      found = { outcome: "!third_party", strength: 1 };
    }
    if (!found) {
      found = firstMatch(KEY_RULES, text, kind);
      // "E-mail … this address will be subscribed to …": a key at the start
      // outweighs "not a profile value" words deep in a long label.
      if (found && found.outcome[0] === "-" && found.index > 30) {
        const early = firstMatch(KEY_RULES, text.slice(0, 30), kind);
        if (early && early.outcome[0] !== "-") found = early;
      }
    }
    if (cacheKey !== null) {
      if (memo.size > 5000) memo.clear();
      memo.set(cacheKey, found);
    }
    return found;
  }

  function firstMatch(list, text, kind) {
    for (const e of list) {
      if (e.only && e.only !== kind) continue;
      const m = e.re.exec(text);
      if (m) return { outcome: e.outcome, strength: e.strength, index: m.index };
    }
    return null;
  }

  // "creditCard.billingContact.firstName": the last part names the field, the
  // path before it is only context ("creditCard" must not make a name a card
  // field, but "subject[0][email]" is still someone else's email).
  function identifierOutcome(raw, extraThirdParty) {
    const parts = raw.split(/[.[\]$:/{}()|]+/).filter((p) => p && !/^\d+$/.test(p));
    const own = unglue(identifierWords(parts.length ? parts[parts.length - 1] : raw));
    const whole = unglue(identifierWords(raw));
    const third = whole !== own ? firstMatch(THIRD_PARTY, whole, "name") : null;
    const mine = outcomeOf(own, "name", extraThirdParty);
    if (third && !(mine && mine.outcome[0] === "!")) return third;
    // Only a generic last part ("phone.value") lets the path speak for the field.
    if (mine || whole === own || !GENERIC_PART.test(own)) return mine;
    return outcomeOf(whole, "name", extraThirdParty);
  }

  const GENERIC_PART = /^(value|val|text|txt|input|field|data|entry|number|no|\d+)( \d+)?$/;

  // "Postleitzahl/Ort", "City / Postcode": a label naming two fields describes
  // the first of them.
  //
  // Labels often run on into hints and error messages ("City Please enter a
  // city."): the first sentence names the field.
  function labelOutcome(raw, extraThirdParty) {
    const sentence = raw.split(SENTENCE_END)[0];
    if (sentence && sentence.length < raw.length) {
      const first = labelOutcome(sentence, extraThirdParty);
      if (first) return first;
    }
    const whole = outcomeOf(labelText(raw), "label", extraThirdParty);
    const slash = raw.indexOf("/");
    if (slash <= 0 || !whole || whole.outcome[0] === "!") return whole;
    const first = outcomeOf(labelText(raw.slice(0, slash)), "label", extraThirdParty);
    return first && first.outcome[0] !== "!" && first.outcome[0] !== "-" ? first : whole;
  }
  const SENTENCE_END = /[.!?。！？]\s+|\s+(?=Please\b|请)|\n/u;

  function sectionKind(text, extraThirdParty) {
    const t = labelText(text);
    if (!t) return "neutral";
    if (extraThirdParty && extraThirdParty.some((p) => t.includes(p))) return "other";
    for (const e of SECTION_RULES) {
      if (!e.re.test(t)) continue;
      // "Your credit card billing address" is an address block, not the card's.
      if (e.outcome === "payment" && BILLING_ADDRESS.test(t)) return "neutral";
      return e.outcome;
    }
    return "neutral";
  }
  const BILLING_ADDRESS = rx("address|billing|contact|地址");

  // ---------------------------------------------------------------------------
  // Walking the page: every document, open shadow root and same-origin frame.

  const HEADING_CLASS = /(^|[-_\s])(title|heading|header|caption|legend|section-?name)([-_\s]|$)/i;

  function headingLevel(el) {
    const tag = el.localName;
    if (/^h[1-6]$/.test(tag)) return Number(tag[1]);
    if (el.getAttribute("role") === "heading") return Number(el.getAttribute("aria-level")) || 2;
    return 0;
  }

  function isHeadingLike(el) {
    if (headingLevel(el)) return true;
    const cls = typeof el.className === "string" ? el.className : "";
    if (!cls || !HEADING_CLASS.test(cls)) return false;
    if (el.querySelector(CONTROL_SELECTOR)) return false;
    const text = collapse(el.textContent);
    return text.length > 0 && text.length <= 120;
  }

  // A heading opens a section in its container: climb out of wrappers that
  // hold only the heading (<div class="hd"><h2>…</h2></div>).
  function headingContainer(el) {
    let container = el.parentElement;
    for (let i = 0; i < 2 && container && container.parentElement; i++) {
      if (container.childElementCount !== 1) break;
      container = container.parentElement;
    }
    return container;
  }

  function groupLabel(el) {
    const role = el.getAttribute("role");
    const tag = el.localName;
    if (tag === "fieldset") {
      const legend = el.querySelector(":scope > legend");
      if (legend) return collapse(legend.textContent);
    }
    if (
      tag === "fieldset" || tag === "section" || tag === "form" || tag === "dialog" ||
      role === "group" || role === "region" || role === "radiogroup" || role === "form"
    ) {
      return ariaLabel(el);
    }
    return "";
  }

  function ariaLabel(el) {
    const ids = el.getAttribute("aria-labelledby");
    if (ids) {
      const root = el.getRootNode();
      const parts = ids
        .split(/\s+/)
        .map((id) => (root.getElementById ? root.getElementById(id) : null))
        .filter(Boolean)
        .map((n) => n.textContent);
      const text = collapse(parts.join(" "));
      if (text) return text;
    }
    return collapse(el.getAttribute("aria-label"));
  }

  function frameUrl(doc) {
    try {
      return doc.URL || "";
    } catch (_) {
      return "";
    }
  }

  const SOMEONE_ELSE_HINT = /pick.?up|recipient|subject|suspect|scam|fraudster|perpetrator|joint|benefic|payee|witness|referr|co.?complain/i;

  // Buttons, hidden inputs, and inputs that only draw something (a read-only
  // box out of the tab order, role=presentation) are not fields.
  function decorative(el) {
    if (el.localName === "input" && IGNORED_TYPES.has(el.type)) return true;
    const role = el.getAttribute("role");
    if (role === "presentation" || role === "none") return true;
    return el.readOnly && el.getAttribute("tabindex") === "-1";
  }

  // One pass in document order collects the controls, and for each the stack
  // of sections (headings, legends, labelled groups) it sits in.
  function collect(root) {
    const controls = [];
    const sections = [];

    function visit(node, doc) {
      for (let el = node.firstElementChild; el; el = el.nextElementSibling) {
        enter(el, doc);
      }
    }

    function enter(el, doc) {
      const tag = el.localName;
      const label = groupLabel(el);
      if (label) sections.push({ text: label, container: el, level: 0, group: true });
      // A container named for someone else (id="subject-details", class="recipient")
      // says whose fields these are, even without a heading.
      const named = `${el.id || ""} ${typeof el.className === "string" ? el.className : ""}`;
      if (named.length > 1 && SOMEONE_ELSE_HINT.test(named)) {
        sections.push({ text: identifierWords(named), container: el, level: 0, group: false, hint: true });
      }
      if (isHeadingLike(el)) {
        const level = headingLevel(el) || 7;
        const container = headingContainer(el);
        while (sections.length) {
          const top = sections[sections.length - 1];
          if (top.container === container && !top.group && top.level >= level) sections.pop();
          else break;
        }
        sections.push({ text: collapse(el.textContent), container, level, group: false });
      }
      if ((tag === "input" || tag === "select" || tag === "textarea") && !decorative(el)) {
        controls.push({ el, doc, sections: sections.slice() });
      }
      if (el.shadowRoot) {
        const saved = sections.length;
        visit(el.shadowRoot, doc);
        sections.length = saved;
      }
      if (tag === "iframe" || tag === "frame") {
        let inner = null;
        try {
          inner = el.contentDocument;
        } catch (_) {
          inner = null; // cross-origin: never touched
        }
        if (inner && inner.documentElement) {
          const saved = sections.length;
          enter(inner.documentElement, inner);
          sections.length = saved;
        }
      }
      if (tag !== "select" && tag !== "textarea") visit(el, doc);
      // Leaving el closes every section that lives inside it.
      while (sections.length && el.contains(sections[sections.length - 1].container)) {
        sections.pop();
      }
    }

    const start = root && root.nodeType === 9 ? root.documentElement : root;
    const doc = start ? start.ownerDocument || start : document;
    if (start) enter(start, doc);
    return controls;
  }

  // ---------------------------------------------------------------------------
  // The texts that describe one control.

  const NO_TEXT = "select, textarea, option, script, style, noscript, template";
  const SKIPPED_TAGS = new Set(["script", "style", "noscript", "template"]);

  // An element's text with a space between its text nodes ("ZIP code<span>We'll
  // use this…</span>" must not read "codeWe'll"), leaving out option lists,
  // textarea contents and scripts (a label may wrap its control).
  function textOf(node) {
    if (!node.firstElementChild) return collapse(node.textContent);
    let out = "";
    const walker = node.ownerDocument.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const parent = t.parentElement;
      if (!parent || !parent.closest(NO_TEXT)) out += " " + t.data;
    }
    return collapse(out);
  }

  function ownLabel(el) {
    const parts = [];
    for (const label of el.labels || []) {
      const text = textOf(label);
      if (text) parts.push(text);
    }
    const aria = ariaLabel(el);
    if (aria) parts.push(aria);
    if (!parts.length && el.title) parts.push(el.title);
    return collapse(parts.join(" "));
  }

  function isControl(node) {
    return node.nodeType === 1 && (node.matches(CONTROL_SELECTOR) || node.matches("button"))
      && !(node.localName === "input" && node.type === "hidden");
  }

  function containsControl(node) {
    if (node.nodeType !== 1) return false;
    if (isControl(node)) return !decorative(node);
    const found = node.querySelectorAll("input:not([type=hidden]), select, textarea, button");
    return Array.prototype.some.call(found, (c) => c.localName === "button" || !decorative(c));
  }

  const STOP_TAGS = new Set(["form", "body", "td", "th", "fieldset", "li", "dd", "html", "tr", "table"]);
  const MAX_NEARBY = 200;

  // Text just before the control, in its own container: "<div>Email: <input>".
  function precedingText(el) {
    let node = el;
    for (let depth = 0; depth < 4 && node; depth++) {
      for (let sib = node.previousSibling; sib; sib = sib.previousSibling) {
        if (sib.nodeType === 3) {
          const t = collapse(sib.data);
          if (t) return t.slice(-MAX_NEARBY);
          continue;
        }
        if (sib.nodeType !== 1) continue;
        if (SKIPPED_TAGS.has(sib.localName)) continue;
        if (containsControl(sib)) return depth === 0 ? secondOfPair(sib) : "";
        const t = textOf(sib);
        if (t) return t.slice(-MAX_NEARBY);
      }
      const parent = node.parentElement;
      if (!parent || STOP_TAGS.has(parent.localName)) {
        node = parent;
        break;
      }
      node = parent;
    }
    return "";
  }

  // "PLZ/Ort: [12345] [Berlin]": the second box takes the label's second half.
  function secondOfPair(sib) {
    if (!isControl(sib) || !["text", "tel", "number", "email", ""].includes(sib.type || "")) return "";
    const label = ownLabel(sib) || precedingTextOnly(sib);
    const slash = label.lastIndexOf("/");
    return slash > 0 ? collapse(label.slice(slash + 1)) : "";
  }

  function precedingTextOnly(el) {
    for (let sib = el.previousSibling; sib; sib = sib.previousSibling) {
      if (sib.nodeType === 3 && collapse(sib.data)) return collapse(sib.data);
      if (sib.nodeType !== 1 || SKIPPED_TAGS.has(sib.localName)) continue;
      return containsControl(sib) ? "" : textOf(sib);
    }
    return "";
  }

  // Text just after a radio or checkbox: "<input type=checkbox> I agree".
  function followingText(el) {
    for (let sib = el.nextSibling; sib; sib = sib.nextSibling) {
      if (sib.nodeType === 3) {
        const t = collapse(sib.data);
        if (t) return t.slice(0, MAX_NEARBY);
        continue;
      }
      if (sib.nodeType !== 1) continue;
      if (containsControl(sib)) return "";
      const t = textOf(sib);
      if (t) return t.slice(0, MAX_NEARBY);
    }
    return "";
  }

  function cellText(cell) {
    return cell && !containsControl(cell) ? textOf(cell) : "";
  }

  // Table layouts: the cell to the left, else the column header.
  function tableText(el) {
    const cell = el.closest("td, th");
    if (!cell) return "";
    for (let prev = cell.previousElementSibling; prev; prev = prev.previousElementSibling) {
      const t = cellText(prev);
      if (t) return t.slice(-MAX_NEARBY);
      if (containsControl(prev)) break;
    }
    const row = cell.parentElement;
    const table = cell.closest("table");
    if (!row || !table) return "";
    const index = Array.prototype.indexOf.call(row.cells || [], cell);
    if (index < 0) return "";
    const header = table.querySelector("thead tr") || (table.rows && table.rows[0]);
    if (header && header !== row && header.cells && header.cells[index]) {
      return cellText(header.cells[index]).slice(0, MAX_NEARBY);
    }
    // A label row above: the cell with the same index in the previous row.
    const prevRow = row.previousElementSibling;
    if (prevRow && prevRow.cells && prevRow.cells[index]) {
      return cellText(prevRow.cells[index]).slice(0, MAX_NEARBY);
    }
    return "";
  }

  function listText(el) {
    const dd = el.closest("dd");
    if (dd) {
      for (let prev = dd.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (prev.localName === "dt") return textOf(prev).slice(0, MAX_NEARBY);
      }
    }
    return "";
  }

  function nearbyText(el) {
    const kind = el.type;
    if (kind === "checkbox" || kind === "radio") {
      const after = followingText(el);
      if (after) return after;
    }
    return precedingText(el) || tableText(el) || listText(el);
  }

  function placeholderOf(el) {
    return collapse(el.getAttribute("placeholder") || el.getAttribute("aria-placeholder") || "");
  }

  // Selects without a label often say what they are in their first option.
  function selectPrompt(el) {
    if (el.localName !== "select" || !el.options.length) return "";
    const first = el.options[0];
    if (first.value === "" || /^(-|—|please|select|choose|请选择|选择)/i.test(first.text.trim())) {
      return collapse(first.text);
    }
    return "";
  }

  // What a select's options say it is: a country list, US states, dialling codes.
  const COUNTRY_HINTS = new Set([
    "unitedstates", "canada", "china", "unitedkingdom", "france", "germany", "japan", "australia",
    "india", "mexico", "brazil", "italy", "spain", "netherlands", "singapore", "hongkong", "taiwan",
    "southkorea", "korea", "russia", "ireland", "newzealand", "switzerland", "sweden",
    "中国", "美国", "英国", "日本", "加拿大", "澳大利亚", "德国", "法国", "新加坡", "中国香港", "香港",
    "中国台湾", "台湾", "韩国", "俄罗斯",
  ]);

  function optionsOutcome(el) {
    const options = Array.from(el.options).filter((o) => !isPlaceholderOption(o));
    if (options.length < 5) return null;
    let dial = 0;
    let states = 0;
    let countries = 0;
    for (const o of options) {
      const text = o.text.trim();
      if (/\+\s?\d{1,4}\b/.test(text)) dial++;
      if (STATE_NAMES.has(choiceKey(text)) || STATE_ABBREVIATIONS[text.toUpperCase()]) states++;
      if (COUNTRY_HINTS.has(choiceKey(text))) countries++;
    }
    // Options that all read "+44" are what the list holds, whatever its label says.
    if (dial >= options.length * 0.8) return { outcome: "-callingcode", strength: 1.1 };
    if (countries >= 8) return { outcome: "country", strength: 1 };
    if (states >= 15 && states >= options.length * 0.6) return { outcome: "state", strength: 1 };
    return null;
  }

  function autocompleteOutcome(el) {
    const raw = (el.getAttribute("autocomplete") || "").toLowerCase().trim();
    if (!raw) return null;
    const tokens = raw.split(/\s+/).filter((t) => !t.startsWith("section-"));
    for (const token of tokens) {
      if (token.startsWith("cc-")) return "!card";
      if (AUTOCOMPLETE[token]) return AUTOCOMPLETE[token];
      if (AUTOCOMPLETE_NONE.has(token)) return "-";
    }
    return null;
  }

  // ---------------------------------------------------------------------------
  // Which keys a control can hold at all.

  const SELECT_KEYS = new Set([
    "country", "state", "city", "currency", "category", "company_name", "desired_resolution",
  ]);
  const CHOICE_KEYS = new Set(["category", "currency", "desired_resolution", "company_name"]);
  const LONG_TEXT_KEYS = new Set([
    "complaint_description", "desired_resolution", "full_address", "address", "address_line1",
  ]);
  const DATE_KEYS = new Set(["date_of_birth", "incident_date"]);
  const NUMBER_KEYS = new Set(["amount", "postal_code", "phone", "account_id", "transaction_id"]);

  function kindOf(el) {
    const tag = el.localName;
    if (tag === "select") return "select";
    if (tag === "textarea") return "textarea";
    const type = (el.getAttribute("type") || "text").toLowerCase();
    if (type === "checkbox" || type === "radio" || type === "file" || type === "password") return type;
    if (TEXT_TYPES.has(type)) return type === "" ? "text" : type;
    return "other";
  }

  function fits(key, kind) {
    if (key[0] === "@") return true;
    if (key === "county") key = "state";
    switch (kind) {
      case "text":
      case "search":
        return key !== "category";
      case "email":
        return key === "email" || key === "account_id";
      case "tel":
        return NUMBER_KEYS.has(key);
      case "number":
        return NUMBER_KEYS.has(key);
      case "date":
        return DATE_KEYS.has(key);
      case "textarea":
        return LONG_TEXT_KEYS.has(key);
      case "select":
        return SELECT_KEYS.has(key);
      case "checkbox":
      case "radio":
        return CHOICE_KEYS.has(key);
      default:
        return false;
    }
  }

  // ---------------------------------------------------------------------------
  // Classification of one control.

  let refCounter = 0;
  const REFS = new WeakMap();

  function refOf(el) {
    let ref = REFS.get(el);
    if (!ref) {
      ref = "f" + ++refCounter;
      REFS.set(el, ref);
    }
    return ref;
  }

  // Per-site rules (docs/engine.md): field entries from "fields" and from the
  // wizard "steps" the channel registry declares, the channel's category
  // wording, limits, and a few switches.
  function normaliseRules(rules) {
    const r = rules && typeof rules === "object" ? rules : {};
    const fields = [];
    const steps = [];
    const add = (f, step) => {
      if (f && typeof f === "object" && (f.selector || f.name || f.id || f.label)) {
        fields.push({ rule: f, step });
      }
    };
    if (Array.isArray(r.fields)) r.fields.forEach((f) => add(f, null));
    if (Array.isArray(r.steps)) {
      for (const step of r.steps) {
        if (!step || !Array.isArray(step.fields)) continue;
        const title = typeof step.title === "string" ? step.title : "";
        if (title) steps.push(title);
        step.fields.forEach((f) => add(f, title || null));
      }
    }
    const obj = (v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});
    return {
      fields,
      steps,
      skip: new Set(Array.isArray(r.skip) ? r.skip : []),
      options: obj(r.options),
      categories: obj(r.categories),
      limits: obj(r.limits),
      formats: obj(r.formats),
      scope: typeof r.scope === "string" ? r.scope : null,
      thirdParty: Array.isArray(r.third_party) ? r.third_party.map(labelText).filter(Boolean) : [],
    };
  }

  const RULE_KINDS = {
    select: ["select"],
    radio: ["radio"],
    checkbox: ["checkbox"],
    checkboxes: ["checkbox"],
    file: ["file"],
    textarea: ["textarea", "text"],
    date: ["date", "text"],
  };

  // How well a rule's label names this control's label: 1 for the same words,
  // less when one holds the other, 0 when they differ or one is under half the other.
  function labelMatch(ruleLabel, label) {
    const a = labelText(ruleLabel);
    const b = labelText(label);
    if (!a || !b) return 0;
    if (a === b) return 1;
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    if (short.length < long.length * 0.5) return 0;
    const at = long.indexOf(short);
    if (at < 0) return 0;
    const before = at === 0 || long[at - 1] === " ";
    const after = at + short.length === long.length || long[at + short.length] === " ";
    return before && after ? short.length / long.length : 0;
  }

  // The wizard step a control belongs to: the nearest heading or legend that
  // is one of the steps' titles.
  function stepOf(sections, rules) {
    for (let i = sections.length - 1; i >= 0; i--) {
      for (const title of rules.steps) {
        if (labelMatch(title, sections[i].text)) return title;
      }
    }
    return null;
  }

  // The site rule for a control.  Step rules apply under their own step's
  // heading only; where the step cannot be told and two rules with the same
  // label disagree, none applies and the heuristics decide.
  function ruleFor(el, kind, label, sections, rules) {
    const step = rules.steps.length ? stepOf(sections, rules) : null;
    let best = [];
    let bestScore = 0;
    for (const { rule, step: ruleStep } of rules.fields) {
      if (step && ruleStep && ruleStep !== step) continue;
      try {
        if (rule.selector && !el.matches(rule.selector)) continue;
      } catch (_) {
        continue; // a bad selector in a rule must not stop the fill
      }
      if (rule.name && el.getAttribute("name") !== rule.name) continue;
      if (rule.id && el.id !== rule.id) continue;
      const kinds = RULE_KINDS[rule.kind];
      if (kinds && !kinds.includes(kind)) continue;
      if (!kinds && rule.kind && ["select", "radio", "checkbox", "file"].includes(kind)) continue;
      let score = 2; // a selector, name or id says exactly which control
      if (rule.label) {
        const m = labelMatch(rule.label, label);
        if (!m) continue;
        score = rule.selector || rule.name || rule.id ? 2 + m : m;
      }
      if (score > bestScore) {
        best = [rule];
        bestScore = score;
      } else if (score === bestScore) {
        best.push(rule);
      }
    }
    if (!best.length) return null;
    const keys = new Set(best.map((r) => r.key));
    return keys.size === 1 ? best[0] : null;
  }

  function quote(source, text) {
    const shown = text.length > 60 ? text.slice(0, 57) + "…" : text;
    return `${source} "${shown}"`;
  }

  // Radios, and checkboxes that share a name, are one question with choices.
  function choiceGroup(el) {
    if (!el.name) return [el];
    const scope = el.form || el.getRootNode();
    const type = el.type;
    return Array.from(scope.querySelectorAll("input")).filter(
      (x) => x.type === type && x.name === el.name && (x.form || x.getRootNode()) === scope
    );
  }

  // The question a group of choices answers: its fieldset legend or labelled
  // group, else the text before the first choice.
  function questionOf(el, group, sections) {
    for (let i = sections.length - 1; i >= 0; i--) {
      const s = sections[i];
      if (!s.group) continue;
      const inside = Array.from(s.container.querySelectorAll(CONTROL_SELECTOR));
      if (inside.every((c) => group.includes(c))) return { text: s.text, source: "label" };
      break;
    }
    const first = group[0];
    const text = precedingText(first) || tableText(first) || listText(first);
    return { text, source: "nearby" };
  }

  function classifyControl(item, rules) {
    const el = item.el;
    const kind = kindOf(el);
    const choice = kind === "radio" || kind === "checkbox";
    const group = choice ? choiceGroup(el) : null;
    const own = ownLabel(el);
    const placeholder = placeholderOf(el);
    const prompt = placeholder ? "" : selectPrompt(el);

    // The text that labels the control, and how directly it does.
    let primary = { text: own, source: "label" };
    if (choice && group.length > 1) {
      primary = questionOf(el, group, item.sections);
    } else if (choice) {
      if (!own) primary = { text: followingText(el) || nearbyText(el), source: "nearby" };
    } else if (!own) {
      primary = { text: nearbyText(el), source: "nearby" };
    }
    const label = primary.text || placeholder || prompt;
    const rec = {
      el,
      kind,
      doc: item.doc,
      sections: item.sections,
      label,
      key: null,
      confidence: 0,
      refused: null,
      reasons: [],
      source: null,
      outcome: null,
      bare: false,
      guess: null,
      aside: null,
    };

    if (kind === "file") return refuse(rec, "file", "a file upload");
    if (kind === "password") return refuse(rec, "password", "a password input");

    const signals = [];
    const ac = autocompleteOutcome(el);
    if (ac) {
      signals.push({ source: "autocomplete", outcome: ac, strength: 1, text: el.getAttribute("autocomplete") });
    }
    const push = (source, o, text) => {
      if (o) signals.push({ source, outcome: o.outcome, strength: o.strength, text });
    };
    if (primary.text) {
      const o = labelOutcome(primary.text, rules.thirdParty);
      // Long text near a control is instructions more than a label: it counts less.
      if (o && primary.source === "nearby" && labelText(primary.text).length > 60) {
        push(primary.source, { outcome: o.outcome, strength: o.strength * 0.8 }, primary.text);
      } else push(primary.source, o, primary.text);
    }
    // name and id usually repeat each other: the id speaks only when the name says nothing.
    const name = el.getAttribute("name") || "";
    const byName = name ? identifierOutcome(name, rules.thirdParty) : null;
    push("name", byName, name);
    if (el.id && el.id !== name && (!byName || byName.outcome[0] === "-")) {
      const byId = identifierOutcome(el.id, rules.thirdParty);
      if (byId && (!byName || byId.outcome[0] === "!")) push("name", byId, el.id);
    }
    if (placeholder) push("placeholder", labelOutcome(placeholder, rules.thirdParty), placeholder);
    else if (prompt && prompt !== primary.text) push("placeholder", labelOutcome(prompt, rules.thirdParty), prompt);
    if (kind === "select") {
      const sample = Array.from(el.options).slice(1, 4).map((o) => o.text.trim()).join(", ");
      push("options", optionsOutcome(el), sample + "…");
    }
    for (const s of signals) s.weight = WEIGHT[s.source] * s.strength;
    if (kind === "email") signals.push({ source: "type", outcome: "email", strength: 1, weight: WEIGHT.type, text: "type=email" });
    // type=tel also brings up the number pad for postcodes and amounts: a weak hint.
    if (kind === "tel") signals.push({ source: "type", outcome: "phone", strength: 1, weight: 0.55, text: "type=tel" });

    // A single box is its own label; in a group the question decides, not the answers.
    const consentText = choice && group.length > 1 ? primary.text : `${primary.text} ${own}`;
    if (choice && CONSENT.test(labelText(consentText))) {
      return refuse(rec, "consent", "a consent or agreement box");
    }
    const hard = signals.find((s) => s.outcome[0] === "!" && s.outcome !== "!third_party");
    if (hard) return refuse(rec, hard.outcome.slice(1), quote(hard.source, hard.text));
    if ((kind === "text" || kind === "textarea") && SIGNATURE.test(labelText(`${primary.text} ${placeholder}`))) {
      return refuse(rec, "consent", "a signature: only you can sign");
    }

    const third = signals.find((s) => s.outcome === "!third_party");
    const rule = rules.fields.length ? ruleFor(el, kind, label, item.sections, rules) : null;
    if (rule) {
      // A rule that only names a label cannot make someone else's field the person's.
      const byLabelOnly = !(rule.selector || rule.name || rule.id);
      if (byLabelOnly && CONTACT_KEYS.has(rule.key)) {
        if (third) return refuse(rec, "third_party", quote(third.source, third.text) + " is about someone else");
        const verdict = sectionVerdict(rec, rules);
        if (verdict && verdict.kind !== "self") {
          const kind = verdict.kind === "payment" ? "card" : "third_party";
          return refuse(rec, kind, quote("section", verdict.section.text) + " is not about you");
        }
      }
      return applyRule(rec, rule);
    }
    if (third) return refuse(rec, "third_party", quote(third.source, third.text) + " is about someone else");

    // The strongest outcome the control can hold; the rest agree or disagree.
    const usable = [];
    for (const s of signals) {
      const key = keyOf(s.outcome);
      if (key && !fits(key, kind)) {
        rec.reasons.push(`${quote(s.source, s.text)} names ${key}, which a ${kind} field cannot hold`);
        continue;
      }
      usable.push(s);
    }
    let best = null;
    for (const s of usable) if (!best || s.weight > best.weight) best = s;
    // "Address" says less than a name attribute "address1": take the specific one.
    if (best && best.outcome === "address") {
      const specific = usable.find((s) => ADDRESS_FAMILY.has(s.outcome) && s.outcome !== "address");
      if (specific) best = Object.assign({}, specific, { weight: Math.max(best.weight, specific.weight) });
    }
    if (!best) {
      if (!rec.reasons.length) rec.reasons.push("nothing names a profile or case value");
      return rec;
    }
    rec.outcome = best.outcome;
    rec.source = best.source;
    if (best.outcome[0] === "-") {
      rec.reasons.push(quote(best.source, best.text) + " is not a profile or case value");
      applySection(rec, rules);
      return rec;
    }
    let confidence = best.weight;
    for (const s of usable) {
      if (s === best || s.source === best.source && s.text === best.text) continue;
      if (agree(s.outcome, best.outcome)) confidence += 0.05;
      else if (s.weight >= best.weight - 0.1) {
        confidence -= 0.15;
        rec.reasons.push(`${quote(s.source, s.text)} suggests otherwise`);
      }
    }
    const cap = best.source === "autocomplete" ? 1 : 0.99;
    rec.reasons.unshift(`${quote(best.source, best.text)} → ${keyOf(best.outcome)}`);
    rec.key = keyOf(best.outcome);
    rec.bare = best.strength < 1;
    rec.confidence = Math.round(Math.max(0, Math.min(cap, confidence)) * 100) / 100;
    applySection(rec, rules);
    return rec;
  }

  const ADDRESS_FAMILY = new Set(["address", "address_line1", "full_address"]);

  // Outcomes that say the same thing at different precision: no conflict.
  function agree(a, b) {
    return a === b || (ADDRESS_FAMILY.has(a) && ADDRESS_FAMILY.has(b)) || (NAME_KEYS.has(a) && NAME_KEYS.has(b) && (a === "full_name" || b === "full_name"));
  }

  // A site rule names the key, or one of the registry's special keys.
  function applyRule(rec, rule) {
    rec.source = "rule";
    rec.rule = rule;
    const key = rule.key;
    if (key === "@third_party") return refuse(rec, "third_party", "site rule: someone else's details");
    if (key === "@person" || key === null || key === undefined || key === "") {
      rec.aside = "person";
      rec.reasons.push("site rule: left for you to answer");
      return rec;
    }
    if (key === "@category") rec.key = "category";
    else if (key === "@paid" || key === "@fixed") rec.key = key;
    else if (KEY_META[key]) rec.key = key;
    else {
      rec.reasons.push(`site rule names an unknown key "${key}"`);
      return rec;
    }
    rec.confidence = 1;
    rec.reasons.push(`site rule "${rule.label || rule.selector || rule.name || rule.id}" → ${key}`);
    return rec;
  }

  // "address" is kept until the whole form is seen: one line or the parts.
  function keyOf(outcome) {
    if (outcome[0] === "-" || outcome[0] === "!") return null;
    return outcome;
  }

  function refuse(rec, kind, why) {
    rec.key = null;
    rec.confidence = 1;
    rec.refused = kind;
    rec.reasons.push("refused: " + why);
    return rec;
  }

  const CONTACT_KEYS = new Set([
    "given_name", "family_name", "full_name", "email", "phone", "address_line1", "address_line2",
    "city", "state", "postal_code", "country", "full_address", "address", "date_of_birth", "id_number",
  ]);
  const NAME_KEYS = new Set(["full_name", "given_name", "family_name"]);

  // The nearest section that says whose details follow: {kind, section}, or
  // null.  Level-1 headings name the whole page ("Report a scammer") and say
  // nothing about one block; a container's name counts only for someone else.
  function sectionVerdict(rec, rules) {
    const cache = applySection.cache;
    for (let i = rec.sections.length - 1; i >= 0; i--) {
      const section = rec.sections[i];
      if (section.level === 1) continue;
      let kind = cache.get(section);
      if (kind === undefined) {
        kind = sectionKind(section.text, rules.thirdParty);
        cache.set(section, kind);
      }
      if (kind === "neutral" || (section.hint && kind !== "other")) continue;
      return { kind, section };
    }
    return null;
  }

  // The section decides whose details these are.
  function applySection(rec, rules) {
    const verdict = sectionVerdict(rec, rules);
    if (!verdict) return;
    const { kind, section } = verdict;
    const heading = quote("section", section.text);
    if (kind === "other") {
      if (rec.key || rec.outcome === "-company") refuse(rec, "third_party", heading + " is about someone else");
    } else if (kind === "payment") {
      if (NAME_KEYS.has(rec.key)) refuse(rec, "card", heading + ": a name here is the cardholder's");
    } else if (kind === "company") {
      if (NAME_KEYS.has(rec.key) || rec.outcome === "-company") {
        rec.key = "company_name";
        rec.confidence = Math.max(rec.confidence, WEIGHT.nearby);
        rec.reasons.push(heading + ": the name is the company's");
      } else if (CONTACT_KEYS.has(rec.key)) {
        refuse(rec, "third_party", heading + " is about the company, not you");
      }
    }
  }
  applySection.cache = new WeakMap();

  // ---------------------------------------------------------------------------
  // Decisions that need the whole form: split names, one-line addresses,
  // split phone and date parts, sign-in forms.

  function groupOf(rec) {
    return rec.el.form || rec.el.getRootNode();
  }

  // A piece of a value split over several controls: [dd][mm][yyyy], (555) 555-5555.
  function isPart(rec) {
    const el = rec.el;
    if (rec.kind === "select") {
      const options = Array.from(el.options).filter((o) => !isPlaceholderOption(o));
      const numeric = options.filter((o) => /^\+?\d{1,4}$/.test(o.text.trim())).length;
      return options.length >= 10 && numeric >= options.length * 0.8;
    }
    const max = el.maxLength > 0 ? el.maxLength : el.hasAttribute("size") && el.size > 0 ? el.size : 0;
    // An area code, exchange, line number or extension box holds at most 5 digits.
    return max > 0 && max <= (rec.key === "phone" ? 5 : 4);
  }

  const UNITS = [
    rx("\\b(year|yyyy|yy|jahr|año|ano|anno|année|год)\\b|年"),
    rx("\\b(month|mm|monat|mes|mese|mois|месяц)\\b|月"),
    rx("\\b(day|dd|tag|día|dia|giorno|jour|день)\\b|日"),
  ];

  // "Birth year", "DD": a field that names one or two of year, month and day.
  function namesDatePart(rec) {
    const el = rec.el;
    const text = labelText(`${rec.label} ${el.getAttribute("placeholder") || ""}`) + " " +
      identifierWords(el.getAttribute("name") || el.id || "");
    const t = text.replace(/日期/g, " ");
    const n = UNITS.filter((re) => re.test(t)).length;
    return n === 1 || n === 2;
  }

  // The control keeps its likely key as a guess and stays empty.
  function setAside(rec, why, code) {
    rec.reasons.push(why);
    rec.guess = rec.key;
    rec.key = null;
    rec.aside = code;
  }

  function resolveGroups(records) {
    const groups = new Map();
    for (const rec of records) {
      const g = groupOf(rec);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(rec);
    }
    for (const list of groups.values()) resolveGroup(list);
    // Beside a real form, a form of one or two fields is a search box, a
    // newsletter sign-up or a store finder: not where the complaint goes.
    const counts = Array.from(groups.values(), (list) => list.filter((r) => r.key).length);
    if (Math.max(0, ...counts) >= MAIN_FORM_FIELDS) {
      for (const list of groups.values()) {
        const n = list.filter((r) => r.key).length;
        if (n === 0 || n >= MAIN_FORM_FIELDS) continue;
        for (const r of list) {
          if (r.key && r.source !== "rule") setAside(r, "in a separate small form beside the main one", "separate_form");
        }
      }
    }
  }
  const MAIN_FORM_FIELDS = 3;

  function resolveGroup(list) {
    const has = (key) => list.some((r) => r.key === key);

    // A password and one or two other inputs: a sign-in form.  plaint does not sign in.
    const passwords = list.filter((r) => r.kind === "password").length;
    const texts = list.filter((r) => ["text", "email", "tel"].includes(r.kind));
    if (passwords === 1 && texts.length >= 1 && texts.length <= 2) {
      for (const r of texts) if (!r.refused) refuse(r, "sign_in", "part of a sign-in form");
    }

    // Phone numbers and dates over several inputs that share one label.
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (!(r.key === "phone" || DATE_KEYS.has(r.key))) continue;
      let j = i + 1;
      while (r.label && j < list.length && list[j].key === r.key && list[j].label === r.label) j++;
      if (j - i > 1 || isPart(r) || (r.key !== "phone" && namesDatePart(r))) {
        const what = r.key === "phone" ? "phone number" : "date";
        for (const p of list.slice(i, j)) setAside(p, `one part of a split ${what}: left for you`, "split_field");
      }
      i = j - 1;
    }
    // A number after its own area-code box is split; after a dialling-code
    // choice it takes the national number (fill() chooses the code too).
    for (let i = 1; i < list.length; i++) {
      const r = list[i];
      const prev = list[i - 1];
      if (r.key !== "phone") continue;
      if (prev.outcome === "-areacode") setAside(r, "the number after a separate area code: left for you", "split_field");
      else if (prev.outcome === "-callingcode" && prev.kind === "select") r.callingCode = prev;
    }

    // "Apt/Suite" then "Address line 2" in one address block: the second is a
    // third line, which the profile does not have.
    let line2Open = false;
    for (const r of list) {
      if (r.key === "address_line1" || r.key === "address") line2Open = false;
      else if (r.key === "address_line2") {
        if (line2Open) setAside(r, "a further address line after line 2", "split_field");
        line2Open = true;
      }
    }

    // A UK county is the state line; beside a US state it is not.
    const hasState = has("state");
    for (const r of list) {
      if (r.key !== "county") continue;
      r.key = "state";
      if (hasState) setAside(r, "a county beside a state field: left for you", "split_field");
    }

    // A state box right after a state list is the one for other countries:
    // fill() uses it only when the list has no matching choice.
    for (let i = 1; i < list.length; i++) {
      const r = list[i];
      if (r.key !== "state" || r.kind === "select") continue;
      for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
        if (list[k].key === "state" && list[k].kind === "select") {
          setAside(r, "another box for the state, for addresses the list above does not cover", "alternative");
          r.alternativeOf = list[k];
          break;
        }
      }
    }

    // "Name" just before "Surname" is the given name; just after "First name", the family name.
    for (let i = 0; i < list.length; i++) {
      const r = list[i];
      if (r.key !== "full_name" || !r.bare) continue;
      const near = (key, from, to) => list.slice(Math.max(0, from), to).some((x) => x.key === key);
      const familyAfter = near("family_name", i + 1, i + 3);
      const givenBefore = near("given_name", i - 2, i);
      if (familyAfter === givenBefore) continue;
      r.key = familyAfter ? "given_name" : "family_name";
      r.reasons.push(familyAfter ? "a name just before a family-name field" : "a name just after a given-name field");
    }

    // Street and house number asked apart: the one-line street would not fit.
    if (list.some((r) => r.outcome === "-house")) {
      for (const r of list) {
        if ((r.key === "address" || r.key === "address_line1") && r.source !== "rule") {
          setAside(r, "street and house number are asked apart: left for you", "split_field");
        }
      }
    }

    // One address field and no parts: the whole address; beside parts, the street line.
    const parts = ["city", "state", "postal_code", "address_line2"].some(has);
    for (const r of list) {
      if (r.key !== "address") continue;
      r.key = parts ? "address_line1" : "full_address";
      r.reasons.push(parts ? "an address beside city or postcode fields: the street line" : "the only address field: the whole address");
    }

    for (const r of list) {
      if (r.key && r.confidence < FILL_THRESHOLD) setAside(r, `low confidence (${r.confidence})`, "low_confidence");
    }
  }

  function inScope(el, scope) {
    if (!scope) return true;
    try {
      return Boolean(el.closest(scope));
    } catch (_) {
      return true;
    }
  }

  function analyse(root, rules) {
    const items = collect(root || document);
    applySection.cache = new WeakMap();
    const records = [];
    for (const item of items) {
      if (!inScope(item.el, rules.scope)) continue;
      records.push(classifyControl(item, rules));
    }
    resolveGroups(records);
    for (const r of records) {
      if (r.key && rules.skip.has(r.key)) setAside(r, "site rule: not filled on this site", "site_rule");
    }
    return records;
  }

  // Shown to the person: laid out, not visibility:hidden, not a 1-pixel or
  // off-page trap.  Styled radios and checkboxes hide the input and show its label.
  function visible(el) {
    if (!el.isConnected) return false;
    const choice = el.type === "radio" || el.type === "checkbox";
    const rect = el.getBoundingClientRect();
    const laidOut = rect.width > 0 || rect.height > 0;
    const style = laidOut ? el.ownerDocument.defaultView.getComputedStyle(el) : null;
    if (!laidOut || style.visibility !== "visible") {
      return choice && el.labels ? Array.from(el.labels).some((l) => l.getClientRects().length > 0) : false;
    }
    if (!choice && (rect.width < 2 || rect.height < 2)) return false;
    return rect.right > 0 && rect.bottom > -10000;
  }

  // Read once per record, before anything is written: a layout read after each
  // write would make the browser lay the page out again for every field.
  function isShown(r) {
    if (r.shown === undefined) r.shown = visible(r.el);
    return r.shown;
  }

  function publicRecord(r) {
    return {
      ref: refOf(r.el),
      id: r.el.id || "",
      name: r.el.getAttribute("name") || "",
      tag: r.el.localName,
      type: r.el.localName === "input" ? r.el.type : r.el.localName === "select" ? r.el.type : r.el.localName,
      label: r.label.length > 120 ? r.label.slice(0, 117) + "…" : r.label,
      key: r.key,
      confidence: r.key || r.refused || r.aside === "low_confidence" ? r.confidence : 0,
      refused: r.refused,
      visible: isShown(r),
      reasons: r.reasons.slice(),
      frame: frameUrl(r.doc),
    };
  }

  function classify(root, options) {
    const rules = normaliseRules(options && options.rules);
    return analyse(root || document, rules).map(publicRecord);
  }

  // ---------------------------------------------------------------------------
  // Values: choosing the right spelling for the control.

  const STATE_ABBREVIATIONS = {
    AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado",
    CT: "Connecticut", DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia",
    HI: "Hawaii", ID: "Idaho", IL: "Illinois", IN: "Indiana", IA: "Iowa", KS: "Kansas",
    KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland", MA: "Massachusetts",
    MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri", MT: "Montana",
    NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico",
    NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma",
    OR: "Oregon", PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota",
    TN: "Tennessee", TX: "Texas", UT: "Utah", VT: "Vermont", VA: "Virginia", WA: "Washington",
    WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming", PR: "Puerto Rico", GU: "Guam",
    VI: "Virgin Islands", AS: "American Samoa", MP: "Northern Mariana Islands",
    AB: "Alberta", BC: "British Columbia", MB: "Manitoba", NB: "New Brunswick",
    NL: "Newfoundland and Labrador", NS: "Nova Scotia", NT: "Northwest Territories",
    NU: "Nunavut", ON: "Ontario", PE: "Prince Edward Island", QC: "Quebec", SK: "Saskatchewan",
    YT: "Yukon",
  };
  const STATE_NAMES = new Set(Object.values(STATE_ABBREVIATIONS).map((n) => n.toLowerCase().replace(/ /g, "")));
  const CURRENCIES = {
    CNY: ["人民币", "元", "RMB", "Chinese Yuan", "Yuan", "Renminbi", "¥"],
    USD: ["美元", "US Dollar", "U.S. Dollar", "Dollar", "$"],
    GBP: ["英镑", "Pound Sterling", "British Pound", "Pound", "£"],
    EUR: ["欧元", "Euro", "€"],
    HKD: ["港币", "港元", "Hong Kong Dollar"],
    JPY: ["日元", "Japanese Yen", "Yen"],
    CAD: ["加元", "Canadian Dollar"],
    AUD: ["澳元", "Australian Dollar"],
  };

  function choiceKey(text) {
    return norm(text).replace(/ /g, "");
  }

  // Chinese administrative suffixes: "广东省" = "广东", "北京市" = "北京".
  function stripRegion(text) {
    return text.replace(/(省|市|自治区|特别行政区|壮族|回族|维吾尔|地区|自治州|县|区)+$/u, "");
  }

  // The spellings a choice may use for a value, most specific first.
  function candidatesFor(key, value, options, rules, rule) {
    const out = [value];
    if (key === "@paid") return value === "yes" ? YES : NO;
    const mapped = rules.options[key] && rules.options[key][value];
    if (typeof mapped === "string") out.unshift(mapped);
    else if (Array.isArray(mapped)) out.unshift(...mapped.filter((m) => typeof m === "string"));
    if (key === "category") {
      // The channel's own wording: the pick for this very field first, then any pick.
      const choice = rules.categories[value];
      const picks = choice && Array.isArray(choice.picks) ? choice.picks : [];
      const mine = rule && rule.label ? picks.filter((p) => p && p.label === rule.label) : [];
      const others = rule && rule.label ? [] : picks;
      out.unshift(...[...mine, ...others].map((p) => p && p.option).filter((o) => typeof o === "string"));
    }
    const variants = (options.variants && options.variants[key]) || {};
    if (key === "country") {
      const names = variants.names || {};
      for (const lang of Object.keys(names)) {
        if (Array.isArray(names[lang])) out.push(...names[lang]);
      }
      if (Array.isArray(variants.codes)) out.push(...variants.codes);
    }
    if (key === "state") {
      const upper = value.trim().toUpperCase();
      if (STATE_ABBREVIATIONS[upper]) out.push(STATE_ABBREVIATIONS[upper]);
      for (const [code, name] of Object.entries(STATE_ABBREVIATIONS)) {
        if (choiceKey(name) === choiceKey(value)) out.push(code);
      }
    }
    if (key === "currency") {
      const upper = value.trim().toUpperCase();
      if (CURRENCIES[upper]) out.push(...CURRENCIES[upper]);
    }
    return out.filter((v, i) => v && out.indexOf(v) === i);
  }

  function isPlaceholderOption(option) {
    return option.disabled || (option.value === "" && option.index === 0) ||
      /^(-+|—+|please select|select( one| an option)?|choose( one)?|请选择|選択してください)\b/i.test(option.text.trim());
  }

  // The option (or radio) whose value or text is one of the candidates.
  function matchChoice(choices, candidates, key) {
    const region = key === "state" || key === "city";
    const keyed = choices.map((c) => ({
      c,
      value: choiceKey(c.value),
      text: choiceKey(c.text),
      textRegion: region ? stripRegion(choiceKey(c.text)) : null,
    }));
    for (const cand of candidates) {
      const k = choiceKey(cand);
      if (!k) continue;
      const exact = keyed.find((o) => o.value === k || o.text === k);
      if (exact) return exact.c;
      if (region) {
        const bare = stripRegion(k);
        const hit = keyed.find((o) => o.textRegion === bare || stripRegion(o.value) === bare);
        if (hit) return hit.c;
      }
    }
    // A longer option that starts with the value as whole words, if only one does.
    for (const cand of candidates) {
      const words = norm(cand);
      if (words.length < 3) continue;
      const hits = choices.filter((c) => {
        const t = norm(c.text);
        return t.startsWith(words + " ");
      });
      if (hits.length === 1) return hits[0];
    }
    return null;
  }

  // Date formats a placeholder or label shows: "DD/MM/YYYY", "yyyy年mm月dd日" …
  function dateFormatOf(text) {
    const m = /((?:y{2,4}|m{1,2}|d{1,2}|年|月|日)[\s./\-年月日]*){3}/i.exec(text || "");
    if (!m) return null;
    const fmt = m[0].trim();
    return /y/i.test(fmt) && /m/i.test(fmt) && /d/i.test(fmt) ? fmt : null;
  }

  function formatDate(iso, fmt) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return null;
    const [, y, mo, d] = m;
    return fmt.replace(/y{2,4}|m{1,2}|d{1,2}/gi, (tok) => {
      const t = tok.toLowerCase();
      if (t === "yyyy" || t === "yyy") return y;
      if (t === "yy") return y.slice(2);
      if (t === "mm") return mo;
      if (t === "m") return String(Number(mo));
      if (t === "dd") return d;
      return String(Number(d));
    });
  }

  function textVariants(key, value, options) {
    const out = [value];
    if (key === "phone") {
      const e164 = options.variants && options.variants.phone && options.variants.phone.e164;
      if (e164) out.push(e164);
      out.push(value.replace(/[^\d+]/g, ""));
      if (e164) out.push(e164.replace(/^\+/, ""));
    }
    return out.filter((v, i) => v && out.indexOf(v) === i);
  }

  function patternAccepts(el, value) {
    const pattern = el.getAttribute("pattern");
    if (!pattern) return true;
    try {
      return new RegExp(`^(?:${pattern})$`, "v").test(value);
    } catch (_) {
      return true;
    }
  }

  // The text to put into a text-like control, or {skip: reason}.
  function textValueFor(rec, key, value, options, rules) {
    const el = rec.el;
    if (DATE_KEYS.has(key)) {
      const iso = /^\d{4}-\d{2}-\d{2}/.exec(value);
      if (!iso) return { skip: "format", detail: "the date is not in ISO form" };
      if (rec.kind === "date") return { value: iso[0] };
      const fmt = rules.formats[key] || dateFormatOf(el.getAttribute("placeholder")) || dateFormatOf(rec.label);
      return { value: fmt ? formatDate(iso[0], fmt) : iso[0] };
    }
    if (rec.kind === "number") {
      const n = value.replace(/[^\d.\-]/g, "");
      if (!/^-?\d+(\.\d+)?$/.test(n)) return { skip: "format", detail: "not a number" };
      return { value: n };
    }
    let candidates = textVariants(key, value, options);
    if (key === "desired_resolution" || key === "company_name") {
      candidates = [candidatesFor(key, value, options, rules, rec.rule)[0], ...candidates];
    }
    const limits = [el.maxLength > 0 ? el.maxLength : Infinity];
    if (rec.rule && Number(rec.rule.limit) > 0) limits.push(Number(rec.rule.limit));
    if (Number(rules.limits[key]) > 0) limits.push(Number(rules.limits[key]));
    const max = Math.min(...limits);
    const fitting = candidates.filter((c) => c.length <= max);
    if (!fitting.length) return { skip: "too_long", detail: `the field takes at most ${max} characters` };
    const accepted = fitting.find((c) => patternAccepts(el, c));
    return { value: accepted || fitting[0] };
  }

  // ---------------------------------------------------------------------------
  // Setting values so frameworks notice: the prototype's own setter (React
  // tracks the instance property), then input, change and blur events.

  function nativeSetter(el, prop) {
    const win = el.ownerDocument.defaultView || window;
    const proto =
      el.localName === "select" ? win.HTMLSelectElement.prototype
        : el.localName === "textarea" ? win.HTMLTextAreaElement.prototype
          : win.HTMLInputElement.prototype;
    const desc = Object.getOwnPropertyDescriptor(proto, prop);
    return desc && desc.set ? desc.set : null;
  }

  function dispatch(el, type, Ctor, init) {
    const win = el.ownerDocument.defaultView || window;
    const C = (win && win[Ctor]) || Event;
    el.dispatchEvent(new C(type, Object.assign({ bubbles: true, cancelable: false, composed: true }, init)));
  }

  function announce(el) {
    dispatch(el, "input", "InputEvent", { inputType: "insertReplacementText" });
    dispatch(el, "change", "Event", {});
    dispatch(el, "blur", "FocusEvent", { bubbles: false });
    dispatch(el, "focusout", "FocusEvent", {});
  }

  function setValue(el, value) {
    const setter = nativeSetter(el, "value");
    if (setter) setter.call(el, value);
    else el.value = value;
    announce(el);
  }

  function setSelected(el, option) {
    const setter = nativeSetter(el, "value");
    if (setter) setter.call(el, option.value);
    else el.value = option.value;
    if (el.selectedIndex !== option.index) el.selectedIndex = option.index;
    announce(el);
  }

  function snapshot(el) {
    return {
      value: el.value,
      checked: el.type === "radio" || el.type === "checkbox" ? el.checked : null,
      selectedIndex: el.localName === "select" ? el.selectedIndex : null,
      outline: el.style.outline,
      outlineOffset: el.style.outlineOffset,
    };
  }

  // A choice the person made, not the page's default.
  function hasPersonValue(rec) {
    const el = rec.el;
    if (rec.kind === "select") {
      const opt = el.options[el.selectedIndex];
      if (!opt || isPlaceholderOption(opt)) return false;
      return !opt.defaultSelected && el.selectedIndex !== 0;
    }
    if (rec.kind === "radio" || rec.kind === "checkbox") return false;
    return el.value.trim() !== "";
  }

  const HIGHLIGHT = "2px solid #1a73e8";

  let history = [];

  function fieldInfo(r) {
    const p = publicRecord(r);
    return { ref: p.ref, id: p.id, name: p.name, tag: p.tag, type: p.type, label: p.label, frame: p.frame };
  }

  function fill(root, values, options) {
    options = options || {};
    values = values && typeof values === "object" ? values : {};
    const rules = normaliseRules(options.rules);
    const allowed = new Set(Array.isArray(options.allowSensitive) ? options.allowSensitive : []);
    // Sensitive keys the person has a value for but did not allow: named, never sent.
    const withheld = new Set(Array.isArray(options.withheld) ? options.withheld : []);
    const records = analyse(root || document, rules);
    for (const r of records) isShown(r);
    const report = { filled: [], skipped: [], unused: [] };
    const changes = [];
    const placed = new Set();
    const filledRecords = new Set();
    const alternatives = [];

    const skip = (r, key, reason, detail) => {
      const entry = { field: fieldInfo(r), reason };
      if (key) entry.key = key;
      if (detail) entry.detail = detail;
      report.skipped.push(entry);
    };

    const attempt = (r, key) => {
      const value = valueOf(r, key, values);
      const why = !value.trim() && withheld.has(key) ? "sensitive" : blocker(r, key, value, allowed, options);
      if (why) return skip(r, key, why);
      let outcome;
      if (r.kind === "select") outcome = fillSelect(r, key, value, options, rules);
      else if (r.kind === "radio" || r.kind === "checkbox") outcome = fillChoice(r, key, value, options, rules);
      else outcome = fillText(r, key, value, options, rules);
      // Changes made before a refusal still go into the undo history.
      outcome.changes = outcome.changes || [];
      for (const change of outcome.changes) {
        const el = change.el;
        if (options.highlight) {
          el.style.outline = HIGHLIGHT;
          el.style.outlineOffset = "1px";
        }
        change.after = snapshot(el);
        changes.push(change);
        report.filled.push({ key, field: fieldInfo(Object.assign({}, r, { el })) });
      }
      if (outcome.skip) return skip(r, key, outcome.skip, outcome.detail);
      if (outcome.changes.length) filledRecords.add(r);
    };

    const groupsSeen = new Set();
    for (const r of records) {
      // A group of radios or same-named checkboxes is one question: reported and filled once.
      if (r.kind === "radio" || r.kind === "checkbox") {
        const first = choiceGroup(r.el)[0];
        if (groupsSeen.has(first)) continue;
        groupsSeen.add(first);
      }
      if (r.refused) {
        skip(r, null, r.refused);
        continue;
      }
      if (!r.key) {
        if (r.guess && KEY_META[r.guess]) placed.add(r.guess);
        if (r.aside === "alternative") alternatives.push(r);
        else if (r.aside) skip(r, r.guess, r.aside);
        continue;
      }
      if (KEY_META[r.key]) placed.add(r.key);
      attempt(r, r.key);
    }
    // The box for other countries' states, when the list had no match.
    for (const r of alternatives) {
      if (filledRecords.has(r.alternativeOf)) skip(r, r.guess, "alternative");
      else attempt(r, r.guess);
    }

    const covered = new Set(placed);
    for (const [whole, parts] of Object.entries(COVERS)) {
      if (parts.some((p) => placed.has(p))) covered.add(whole);
      if (placed.has(whole)) parts.forEach((p) => covered.add(p));
    }
    for (const [key, v] of Object.entries(values)) {
      if (v === undefined || v === null || String(v).trim() === "") continue;
      if (!KEY_META[key] || covered.has(key)) continue;
      if (KEY_META[key].sensitive && !allowed.has(key)) continue;
      report.unused.push(key);
    }
    if (changes.length) history.push(changes);
    return report;
  }

  const YES = ["yes", "是", "有", "y", "true"];
  const NO = ["no", "否", "没有", "无", "n", "false"];

  // The value for a control: the payload's, or what a site rule's special key implies.
  function valueOf(r, key, values) {
    const text = (v) => (v === undefined || v === null ? "" : String(v));
    if (key === "@fixed") return text(r.rule && r.rule.value);
    if (key === "@paid") {
      // Only a case can say whether money was lost; a profile alone answers nothing.
      const hasCase = Object.keys(values).some((k) => KEY_META[k] && KEY_META[k].group === "case" && text(values[k]).trim());
      if (!hasCase) return "";
      return text(values.amount).trim() && Number(String(values.amount).replace(/[^\d.]/g, "")) !== 0 ? "yes" : "no";
    }
    return text(values[key]);
  }

  // Why a classified control must stay empty this time, or null.
  function blocker(r, key, value, allowed, options) {
    if (!value.trim()) return "no_value";
    if (KEY_META[key] && KEY_META[key].sensitive) {
      if (!allowed.has(key)) return "sensitive";
      if (r.confidence < SENSITIVE_THRESHOLD || !SENSITIVE_SOURCES.has(r.source)) return "low_confidence";
    }
    if (!isShown(r)) return "hidden";
    if (r.el.disabled || r.el.readOnly) return "read_only";
    if (!options.overwrite && hasPersonValue(r) && !ownsValue(r.el)) return "has_value";
    return null;
  }

  // Whole values and their parts: a filled part means the whole found its place.
  const COVERS = {
    full_name: ["given_name", "family_name"],
    full_address: ["address_line1", "address_line2", "city", "state", "postal_code", "country"],
  };

  function ownsValue(el) {
    return history.some((changes) => changes.some((c) => c.el === el && el.value === c.after.value));
  }

  function fillText(r, key, value, options, rules) {
    const changes = [];
    if (key === "phone" && r.callingCode) {
      // [+86 ▾][number]: choose the dialling code, then type the national number.
      const split = chooseCallingCode(r.callingCode, options);
      if (split) {
        if (split.change) changes.push(split.change);
        value = split.national;
      }
    }
    const chosen = textValueFor(r, key, value, options, rules);
    if (chosen.skip) return Object.assign(chosen, { changes });
    const change = { el: r.el, before: snapshot(r.el) };
    setValue(r.el, chosen.value);
    if (r.el.value !== chosen.value) return { skip: "rejected", detail: "the page changed the value back", changes };
    changes.push(change);
    return { changes };
  }

  // The dialling code of the person's number in a [+code ▾] list before the
  // number box: {national, change?}, or null when the list cannot say.
  function chooseCallingCode(rec, options) {
    const e164 = options.variants && options.variants.phone && options.variants.phone.e164;
    if (!e164 || !/^\+\d{6,15}$/.test(e164)) return null;
    const digits = e164.slice(1);
    const el = rec.el;
    const codeOf = (o) => {
      const m = /\+\s?(\d{1,4})\b/.exec(`${o.text} ${o.value}`);
      return m ? m[1] : null;
    };
    const current = el.options[el.selectedIndex];
    if (hasPersonValue(rec) && !ownsValue(el)) {
      // The person chose a code already: keep it, and type the national number if it is theirs.
      const code = current ? codeOf(current) : null;
      return code && digits.startsWith(code) ? { national: digits.slice(code.length) } : null;
    }
    let best = null;
    for (const o of el.options) {
      const code = codeOf(o);
      if (code && digits.startsWith(code) && (!best || code.length > best.code.length)) best = { o, code };
    }
    if (!best || el.disabled) return null;
    const national = digits.slice(best.code.length);
    if (el.selectedIndex === best.o.index) return { national };
    const change = { el, before: snapshot(el) };
    setSelected(el, best.o);
    return el.selectedIndex === best.o.index ? { national, change } : null;
  }

  function fillSelect(r, key, value, options, rules) {
    const el = r.el;
    const choices = Array.from(el.options).filter((o) => !isPlaceholderOption(o));
    const option = matchChoice(choices, candidatesFor(key, value, options, rules, r.rule), key);
    if (!option) return { skip: "no_option", detail: "no option matches the value" };
    const change = { el, before: snapshot(el) };
    setSelected(el, option);
    if (el.selectedIndex !== option.index) return { skip: "rejected", detail: "the page changed the choice back" };
    return { changes: [change] };
  }

  function choiceLabel(el) {
    return ownLabel(el) || followingText(el) || el.value;
  }

  // A radio group is answered by the choice that matches the value; in a group
  // of checkboxes, each choice the value names is ticked.
  function fillChoice(r, key, value, options, rules) {
    const el = r.el;
    const group = choiceGroup(el);
    const choices = group.map((x) => ({ el: x, value: x.value, text: choiceLabel(x) }));
    const candidates = candidatesFor(key, value, options, rules, r.rule);
    // A radio takes the best match; a group of checkboxes each choice the value names.
    const hits = el.type === "radio"
      ? [matchChoice(choices, candidates, key)].filter(Boolean)
      : candidates.map((c) => matchChoice(choices, [c], key)).filter((h, i, all) => h && all.indexOf(h) === i);
    if (!hits.length) return { skip: "no_option", detail: "no choice matches the value" };
    const changes = [];
    for (const hit of hits) {
      const target = hit.el;
      const previous = target.type === "radio" ? group.find((x) => x.checked) || null : null;
      const change = { el: target, before: snapshot(target), previous };
      // click() is how a person chooses, and the only way React hears of it.
      if (!target.checked) target.click();
      if (!target.checked) return { skip: "rejected", detail: "the page did not keep the choice", changes };
      changes.push(change);
    }
    return { changes };
  }

  // ---------------------------------------------------------------------------
  // Undo: put back what the last fill changed, unless the person has edited
  // the field since.

  function restoreChoice(c) {
    const el = c.el;
    if (el.checked !== c.after.checked) return false;
    if (el.checked === c.before.checked) return true;
    const setter = nativeSetter(el, "checked");
    if (c.previous && c.previous.isConnected) {
      setter.call(c.previous, true); // re-choosing the old radio un-chooses ours
      announce(c.previous);
    } else {
      setter.call(el, c.before.checked);
    }
    announce(el);
    return true;
  }

  function restoreValue(c) {
    const el = c.el;
    if (el.value !== c.after.value) return false;
    if (el.localName === "select") {
      nativeSetter(el, "value").call(el, c.before.value);
      if (el.selectedIndex !== c.before.selectedIndex) el.selectedIndex = c.before.selectedIndex;
      announce(el);
    } else {
      setValue(el, c.before.value);
    }
    return true;
  }

  function undo() {
    const changes = history.pop();
    const result = { restored: 0, kept: 0 };
    if (!changes) return result;
    for (const c of changes.slice().reverse()) {
      const el = c.el;
      el.style.outline = c.before.outline;
      el.style.outlineOffset = c.before.outlineOffset;
      if (!el.isConnected) continue;
      const done = c.after.checked !== null ? restoreChoice(c) : restoreValue(c);
      if (done) result.restored++;
      else result.kept++;
    }
    return result;
  }

  const PlaintEngine = Object.freeze({
    version: VERSION,
    classify,
    fill,
    undo,
    threshold: FILL_THRESHOLD,
  });
  Object.defineProperty(globalThis, "PlaintEngine", {
    value: PlaintEngine,
    configurable: true,
    writable: false,
  });
})();
