# Testun rhyngwyneb y thema ddiofyn, yn Gymraeg.
# Gall safle newid llinynnau unigol gyda'i ffeil i18n/cy.ftl ei hun.

language-name = Cymraeg
language-switch = Iaith
date = { $day } { $month ->
    [1] Ionawr
    [2] Chwefror
    [3] Mawrth
    [4] Ebrill
    [5] Mai
    [6] Mehefin
    [7] Gorffennaf
    [8] Awst
    [9] Medi
    [10] Hydref
    [11] Tachwedd
   *[12] Rhagfyr
} { $year }

skip-link = Neidio i'r prif gynnwys
page-of = tudalen { $current } o { $count }
feed-title = { $site } (ffrwd Atom)
search-label = Chwilio'r wefan hon
search-button = Chwilio
nav-main = Prif ddewislen
external-site = (gwefan allanol)
footer-accessibility = Datganiad hygyrchedd
footer-a-z = A i Y
footer-site-map = Map o'r wefan
footer-feed = Cael diweddariadau drwy ffrwd (Atom)
on-this-page = Ar y dudalen hon
nav-previous-next = Blaenorol a nesaf
previous = Blaenorol
next = Nesaf
previous-module = Modiwl blaenorol
next-module = Modiwl nesaf
previous-commitment = Ymrwymiad blaenorol
next-commitment = Ymrwymiad nesaf
nav-pagination = Tudalennau
pagination-status = Tudalen { $current } o { $count }
pagination-page = tudalen
pagination-page-number = Tudalen
last-reviewed = Adolygwyd ddiwethaf
review-due = Adolygiad nesaf i'w gynnal
overdue-title = Mae'n hen bryd adolygu'r dudalen hon
overdue-due-on = Roedd hi i fod i gael ei gwirio ar { $date }, felly gall rhai manylion fod yn hen. Gwiriwch unrhyw beth pwysig gyda ni.
overdue-due = Roedd hi i fod i gael ei gwirio, felly gall rhai manylion fod yn hen. Gwiriwch unrhyw beth pwysig gyda ni.
nav-breadcrumb = Briwsion bara
print-version = Fersiwn i'w argraffu
module-of = Modiwl { $number } o { $count }
status-not-started = Heb ddechrau
status-in-progress = Ar y gweill
status-achieved = Wedi'i gyflawni
status-draft = Drafft
status-current = Cyfredol
status-superseded = Wedi'i ddisodli
# Welsh has six plural forms (CLDR): zero, one, two, few, many, other.
minutes = { $count ->
    [zero] { $count } munud
    [one] { $count } munud
    [two] { $count } funud
    [few] { $count } munud
    [many] { $count } munud
   *[other] { $count } munud
}
pages-count = { $count ->
    [zero] { $count } tudalennau
    [one] { $count } dudalen
    [two] { $count } dudalen
    [few] { $count } tudalen
    [many] { $count } thudalen
   *[other] { $count } tudalen
}
commitment-of = Ymrwymiad { $number } o { $count }
module-number = Modiwl { $number }
charter-achieved = <strong>{ $achieved } o { $total }</strong> ymrwymiad wedi'u cyflawni ({ $percent }%).
search-title = Chwilio
search-unavailable = Nid yw chwilio ar gael ar hyn o bryd. Gallwch ddod o hyd i bob tudalen o hyd drwy'r dolenni isod.
search-no-script = Mae angen JavaScript i chwilio, ac mae wedi'i ddiffodd neu nid yw ar gael yn eich porwr.
search-a-z = Gallwch ddod o hyd i bob tudalen yn y <a href="{ $url }">mynegai A i Y</a>.
search-browse = Gallwch hefyd bori tudalennau yn ôl:
search-hint = Teipiwch un neu fwy o eiriau. Bydd canlyniadau'n ymddangos wrth i chi deipio.
search-filter-results = Hidlo'r canlyniadau
search-type-of-page = Math o dudalen
search-nothing-to-filter = Nid oes dim i'w hidlo eto.
search-clear-filters = Clirio'r hidlwyr
search-results-heading = Canlyniadau
search-more = Dangos rhagor o ganlyniadau
# Mae `category` yn gategori lluosog CLDR; sgript y dudalen sy'n dewis.
search-results = { $category ->
    [zero] { $count } canlyniad
    [one] { $count } canlyniad
    [two] { $count } ganlyniad
    [few] { $count } chanlyniad
    [many] { $count } chanlyniad
   *[other] { $count } canlyniad
}
search-filters = { $category ->
    [zero] { $count } hidlydd
    [one] { $count } hidlydd
    [two] { $count } hidlydd
    [few] { $count } hidlydd
    [many] { $count } hidlydd
   *[other] { $count } hidlydd
}
search-for = {" "}ar gyfer “{ $term }”
search-with = {" "}gyda { $filters }
search-found = { $what }{ $words }{ $narrowed }.
search-none = Nid oes tudalennau'n cyfateb{ $words }{ $narrowed }. Rhowch gynnig ar eiriau eraill neu lai o hidlwyr, neu defnyddiwch y mynegai A i Y isod.
search-sections = Adrannau “{ $title }”
a-z-description = Pob tudalen ar { $site }, o A i Y
site-map-description = Pob adran a thudalen ar { $site }
term-description = Tudalennau am { $term } ar { $site }
not-found-title = Heb ddod o hyd i'r dudalen
statement-description = Datganiad hygyrchedd { $site }
search-description = Chwilio { $site }
print-title = { $title } (fersiwn i'w argraffu)
instructor-title = { $title } (fersiwn yr hyfforddwr)
not-found-sorry = Mae'n ddrwg gennym, ni allwn ddod o hyd i'r dudalen honno.
not-found-help = Os gwnaethoch deipio'r cyfeiriad gwe, gwiriwch ei fod yn gywir. Os gwnaethoch ddilyn dolen neu ludo'r cyfeiriad, efallai fod y dudalen wedi symud neu wedi'i dileu.
not-found-home = Mynd i'r hafan
brief-summary = Crynodeb
brief-recommendations = Argymhellion allweddol
brief-references = Cyfeiriadau
document-control = Rheoli dogfennau
doc-version = Fersiwn
doc-status = Statws
doc-superseded-by = gan
doc-owner = Perchennog
doc-approved-by = Cymeradwywyd gan
doc-approved-on = Cymeradwywyd ar
doc-published = Cyhoeddwyd
doc-updated = Diweddarwyd ddiwethaf
doc-review-due = Adolygiad yn ddyledus
statement-heading = Datganiad hygyrchedd { $site }
statement-overdue = Mae'n hen bryd adolygu'r datganiad hwn
statement-last-reviewed = Cafodd ei adolygu ddiwethaf ar { $date }.
statement-review-yearly = Dylid adolygu datganiadau o leiaf unwaith y flwyddyn, felly gall rhai manylion fod yn hen.
statement-applies = Mae'r datganiad hygyrchedd hwn yn berthnasol i { $site }, sy'n cael ei redeg gan { $organisation }.
statement-intro = Rydym am i gynifer o bobl â phosibl allu defnyddio'r wefan hon. Er enghraifft, mae hynny'n golygu y dylech allu:
statement-can-colours = newid lliwiau, lefelau cyferbynnedd a ffontiau drwy osodiadau'r porwr neu'r ddyfais
statement-can-zoom = chwyddo hyd at 400% heb i'r testun lifo oddi ar y sgrin
statement-can-keyboard = symud o gwmpas y rhan fwyaf o'r wefan gyda bysellfwrdd neu feddalwedd adnabod lleferydd
statement-can-listen = gwrando ar y rhan fwyaf o'r wefan gyda darllenydd sgrin
statement-simple = Rydym hefyd wedi gwneud testun y wefan mor syml â phosibl i'w ddeall.
statement-abilitynet = Mae gan <a href="https://mcmw.abilitynet.org.uk/" hreflang="en">AbilityNet gyngor ar wneud eich dyfais yn haws i'w defnyddio</a> (yn Saesneg) os oes gennych anabledd.
statement-how-accessible = Pa mor hygyrch yw'r wefan hon
statement-fully = Credwn fod y wefan hon yn gwbl hygyrch. Os dewch o hyd i ran sy'n anodd ei defnyddio, rhowch wybod i ni.
statement-known-parts = Gwyddom nad yw rhai rhannau o'r wefan hon yn gwbl hygyrch:
statement-details-below = Mae'r manylion yn yr adran ar gynnwys nad yw'n hygyrch isod.
statement-feedback = Adborth a gwybodaeth gyswllt
statement-formats = Os oes angen gwybodaeth arnoch ar y wefan hon mewn fformat gwahanol, fel PDF hygyrch, print bras, hawdd ei ddeall, recordiad sain neu braille, cysylltwch â ni:
statement-email = e-bost
statement-call = ffoniwch { $phone }
statement-response = Byddwn yn ystyried eich cais ac yn ateb o fewn { $days } diwrnod gwaith.
statement-reporting = Rhoi gwybod am broblemau hygyrchedd gyda'r wefan hon
statement-improve = Rydym bob amser yn ceisio gwella hygyrchedd y wefan hon. Os dewch o hyd i unrhyw broblemau nad ydynt wedi'u rhestru ar y dudalen hon, neu os ydych yn credu nad ydym yn bodloni'r gofynion hygyrchedd, cysylltwch â ni
statement-by-email = drwy e-bost yn
statement-or = neu
statement-by-phone = dros y ffôn ar { $phone }
statement-enforcement = Y drefn orfodi
statement-enforcement-gb = Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy'n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018 (y 'rheoliadau hygyrchedd'). Os nad ydych yn fodlon â'r ffordd rydym yn ymateb i'ch cwyn, cysylltwch â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).
statement-enforcement-ni = Comisiwn Cydraddoldeb Gogledd Iwerddon (ECNI) sy'n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018 (y 'rheoliadau hygyrchedd') yng Ngogledd Iwerddon. Os nad ydych yn fodlon â'r ffordd rydym yn ymateb i'ch cwyn, cysylltwch â Chomisiwn Cydraddoldeb Gogledd Iwerddon.
statement-contact-ecni = Cysylltu â Chomisiwn Cydraddoldeb Gogledd Iwerddon
statement-contact-eass = Cysylltu â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS)
statement-technical = Gwybodaeth dechnegol am hygyrchedd y wefan hon
statement-committed = Mae { $organisation } wedi ymrwymo i wneud ei gwefan yn hygyrch, yn unol â Rheoliadau Hygyrchedd Cyrff Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018.
statement-compliance-status = Statws cydymffurfio
statement-compliance-fully = Mae'r wefan hon yn cydymffurfio'n llawn â safon AA Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2.
statement-compliance-partially = Mae'r wefan hon yn cydymffurfio'n rhannol â safon AA Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2, oherwydd yr achosion o beidio â chydymffurfio a restrir isod.
statement-compliance-not = Nid yw'r wefan hon yn cydymffurfio â safon AA Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2. Mae'r achosion o beidio â chydymffurfio wedi'u rhestru isod.
statement-non-accessible = Cynnwys nad yw'n hygyrch
statement-reasons = Nid yw'r cynnwys a restrir isod yn hygyrch am y rhesymau canlynol.
statement-non-compliance = Peidio â chydymffurfio â'r rheoliadau hygyrchedd
statement-fails = Mae hyn yn methu maen prawf llwyddiant { $criterion } WCAG 2.2.
statement-fix-by = Rydym yn bwriadu datrys hyn erbyn { $date }.
statement-no-failures = Nid ydym yn gwybod am unrhyw gynnwys sy'n methu'r rheoliadau hygyrchedd.
statement-burden = Baich anghymesur
statement-no-burden = Nid ydym yn honni y byddai datrys unrhyw broblemau hygyrchedd yn faich anghymesur.
statement-out-of-scope = Cynnwys nad yw o fewn cwmpas y rheoliadau hygyrchedd
statement-nothing-out-of-scope = Nid ydym yn gwybod am unrhyw gynnwys ar y wefan hon sydd y tu allan i gwmpas y rheoliadau hygyrchedd.
statement-how-tested = Sut y gwnaethom brofi'r wefan hon
statement-last-tested = Cafodd y wefan hon ei phrofi ddiwethaf ar { $date } yn erbyn safon AA Canllawiau Hygyrchedd Cynnwys y We (WCAG) 2.2.
statement-tested = Mae'r wefan hon yn cael ei phrofi yn erbyn safon AA Canllawiau Hygyrchedd Cynnwys y We (WCAG) 2.2.
statement-who-tested = Pwy a'i profodd a sut:
statement-preparation = Paratoi'r datganiad hygyrchedd hwn
statement-prepared = Cafodd y datganiad hwn ei baratoi ar { $date }.

# Geiriau templedi tudalennau'r thema ddiofyn.
ui-a-to-z = A i Y
ui-every-page-on-this-site-in = Pob tudalen ar y wefan hon, yn nhrefn yr wyddor.
ui-there-is-nothing-here-yet = Does dim byd yma eto.
ui-this-version-has-been-replaced = Mae fersiwn newydd wedi disodli'r fersiwn hon
ui-read-the-current-version-intro = Darllenwch y fersiwn gyfredol:
ui-this-document-is-kept-for-the = Rydym yn cadw'r ddogfen hon fel cofnod. Peidiwch â dibynnu arni am gyngor cyfredol.
ui-draft = Drafft
ui-this-document-has-not-been-approved = Nid yw'r ddogfen hon wedi'i chymeradwyo eto a gall newid.
ui-progress-at-a-glance = Cynnydd yn fras
ui-achieved = Wedi'i gyflawni
ui-in-progress = Ar y gweill
ui-not-started = Heb ddechrau
ui-the-commitments = Yr ymrwymiadau
ui-charter-commitments-their-sector-their-status = Ymrwymiadau'r siarter, eu sector, eu statws a phryd y newidiodd ddiwethaf
ui-number = Rhif
ui-commitment = Ymrwymiad
ui-sector = Sector
ui-status = Statws
ui-last-updated = Diweddarwyd ddiwethaf
ui-open-data = Data agored
ui-download-charter-progress-as-json-open = Lawrlwytho cynnydd y siarter fel JSON (data agored)
ui-download-charter-progress-as-csv-open = Lawrlwytho cynnydd y siarter fel CSV (data agored)
ui-as-of = ar
ui-what-this-commitment-asks = Beth mae'r ymrwymiad hwn yn ei ofyn
ui-suggested-actions = Camau a awgrymir
ui-evidence = Tystiolaeth
ui-no-evidence-has-been-published-for = Nid oes tystiolaeth wedi'i chyhoeddi ar gyfer yr ymrwymiad hwn eto.
ui-published = Cyhoeddwyd
ui-updated = Diweddarwyd
ui-course = Cwrs
ui-course-facts = Ffeithiau'r cwrs
ui-who-it-is-for = Ar gyfer pwy
ui-how-it-is-run = Sut mae'n cael ei gynnal
ui-schedule = Amserlen
ui-total-time = Cyfanswm yr amser
ui-total-of-all-modules = (cyfanswm yr holl fodiwlau)
ui-modules = Modiwlau
ui-print-or-save-the-whole-course = Argraffu neu gadw'r cwrs cyfan
ui-print-a-handout = Argraffu taflen i ysgrifennu arni
ui-what-you-will-learn = Beth fyddwch chi'n ei ddysgu
ui-by-the-end-of-this-course-intro = Erbyn diwedd y cwrs hwn byddwch yn gallu:
ui-you-will-be-able-to-intro = Byddwch yn gallu:
ui-course-print-version = Cwrs: fersiwn i'w argraffu
ui-this-page-has-every-module-of = Mae pob modiwl o'r cwrs ar y dudalen hon, yn eu trefn. Defnyddiwch orchymyn Argraffu eich porwr i'w hargraffu neu i'w chadw fel PDF.
ui-back-to-course-overview = Yn ôl i drosolwg y cwrs
ui-course-instructor-view = Cwrs: fersiwn yr hyfforddwr
ui-instructor-view-help = Mae pob modiwl o'r cwrs ar y dudalen hon, yn eu trefn, gyda'r nodiadau ar gyfer pwy bynnag sy'n ei redeg. Does dim tudalen i ddysgwyr yn cysylltu yma.
ui-contents = Cynnwys
ui-by-the-end-of-this-module-intro = Erbyn diwedd y modiwl hwn byddwch yn gallu:
ui-before-you-start-intro = Cyn i chi ddechrau:
ui-resources-intro = Adnoddau:
ui-part-of-intro = Rhan o:
ui-duration = Hyd
ui-learning-outcomes = Deilliannau dysgu
ui-before-you-start = Cyn i chi ddechrau
ui-resources = Adnoddau
ui-the-words-you-searched-for-are = Mae'r geiriau y chwilioch amdanynt wedi'u marcio ar y dudalen hon.
ui-hide-the-marks = Cuddio'r marciau
ui-site-map = Map o'r wefan
ui-every-section-and-page-on-this = Pob adran a thudalen ar y wefan hon.
overlay-title = Ni allai Hearth adeiladu'r wefan
overlay-help = Mae'r dudalen hon yn dangos yr adeiladu da diwethaf. Trwsiwch y broblem isod a chadw: bydd y blwch hwn yn diflannu ohono'i hun.

# Geiriau y mae Hearth ei hun yn eu hysgrifennu: hyd, mathau o gynnwys,
# sut mae cwrs yn cael ei gynnal, a labeli blociau gwersi a chod.
# Ar ôl rhif mewn digidau, mae'r enw yn unigol: 2 awr, 30 munud.
hours = { $count ->
    [zero] { $count } awr
    [one] { $count } awr
    [two] { $count } awr
    [few] { $count } awr
    [many] { $count } awr
   *[other] { $count } awr
}
duration-hours-minutes = { $hours } { $minutes }
kind-page = Tudalen
kind-module = Modiwl
kind-commitment = Ymrwymiad y siarter
kind-course = Cwrs
kind-policy-brief = Papur polisi
kind-evaluation-report = Adroddiad gwerthuso
kind-project-plan = Cynllun prosiect
kind-guide = Canllaw
delivery-online = Ar-lein
delivery-in-person = Wyneb yn wyneb
delivery-self-paced = Ar eich cyflymder eich hun
brief-newer-version = y fersiwn newydd
block-objectives = Amcanion
block-questions = Cwestiynau
block-keypoints = Pwyntiau allweddol
block-challenge = Her
block-solution = Ateb
block-callout = Sylwch
block-note = Nodyn
block-warning = Rhybudd
block-tip = Awgrym
block-important = Pwysig
block-caution = Gofal
block-activity = Gweithgaredd
block-reflection = Myfyrio
block-prereq = Rhagofynion
block-discussion = Trafodaeth
block-hint = Cliw
block-checklist = Rhestr wirio
block-instructor = Nodyn i'r hyfforddwr
block-spoiler = Rhagor o fanylion
block-testimonial = Tysteb
table = Tabl
code-input = Cod
code-output = Allbwn
code-error = Neges gwall
footnote = Troednodyn { $number }
citation = Cyfeiriad { $number }
task-done = Wedi'i wneud
task-not-done = Heb ei wneud
heading-anchor = Dolen i'r adran
taxonomy-browse = Pori tudalennau yn ôl { $taxonomy }.
term-feed = Cael diweddariadau am { $term } drwy ffrwd (Atom)
term-all = Pob un o'r { $taxonomy }
term-pages-about = Tudalennau am { $term }
term-no-pages = Does dim tudalennau am { $term } eto.
handout-eyebrow = Taflen y cwrs
handout-help = Mae'r daflen hon yn cynnwys deilliannau, heriau a phwyntiau allweddol pob modiwl, gyda lle i ysgrifennu eich atebion. Defnyddiwch orchymyn Argraffu eich porwr i'w hargraffu.
handout-name = Enw:
handout-your-notes = Eich nodiadau:
handout-notes = Nodiadau:
taxonomy-description = { $taxonomy } ar { $site }
kind-course-page = Tudalen y cwrs
ui-more-in-this-course = Rhagor yn y cwrs hwn
ui-explore-this-section = Archwilio'r adran hon
ui-in-this-section = Yn yr adran hon
a-z-letters = Llythrennau
section-feed = Cael { $section } newydd drwy ffrwd (Atom)

## The home page's front door
home-charter-more = { $in_progress ->
    [0] Gweld pob ymrwymiad a'i dystiolaeth
    [one] Gweld pob ymrwymiad: mae un arall ar y gweill
   *[other] Gweld pob ymrwymiad: mae { $in_progress } arall ar y gweill
}
home-newest-briefs = Y papurau briffio diweddaraf
home-every-page-of = Gweld y cyfan: { $title }
home-explore = Archwilio
home-more-pages = Rhagor o dudalennau

# The glossary page (/glossary/ and each language's own)
glossary-title = Geirfa
glossary-description = Y geiriau a'r byrfoddau a ddefnyddir ar { $site }
glossary-lead = Ystyr y geiriau a'r byrfoddau ar y wefan hon.

# Learning blocks: tabs (`::: tab`, `::: group-tab`)
block-tab = Tabiau
block-group-tab = Tabiau

# Counts on section cards
modules-count = { $count ->
    [zero] { $count } modiwl
    [one] { $count } modiwl
    [two] { $count } fodiwl
    [few] { $count } modiwl
    [many] { $count } modiwl
   *[other] { $count } modiwl
}
commitments-count = { $count ->
    [zero] { $count } ymrwymiad
    [one] { $count } ymrwymiad
    [two] { $count } ymrwymiad
    [few] { $count } ymrwymiad
    [many] { $count } ymrwymiad
   *[other] { $count } ymrwymiad
}
