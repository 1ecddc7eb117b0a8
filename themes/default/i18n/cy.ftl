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
