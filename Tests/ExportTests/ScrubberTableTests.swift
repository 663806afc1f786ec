import Export
import Testing

/// One identifying string: what must be gone from the scrubbed text, and the mark put in its place.
struct Identifying: Sendable, CustomTestStringConvertible {
    var text: String
    var secret: String
    var mark: String
    var testDescription: String { text }

    init(_ text: String, _ secret: String, _ mark: String) {
        self.text = text
        self.secret = secret
        self.mark = mark
    }
}

/// The spellings residents use, and ordinary text that must survive. A row each; the counts are
/// checked at the end, so the table cannot shrink unnoticed.
enum ScrubberTable {
    static let identifying: [Identifying] = [
        // E-mail addresses.
        Identifying("mail jan.de.vries@gemeente.nl graag", "jan.de.vries", "[e-mail]"),
        Identifying("mail jan @ gemeente.nl", "gemeente.nl", "[e-mail]"),
        Identifying("mail jan@ gemeente.nl", "gemeente", "[e-mail]"),
        Identifying("mail jan AT gemeente punt nl", "gemeente", "[e-mail]"),
        Identifying("mail jan at gemeente dot nl", "gemeente", "[e-mail]"),
        Identifying("mail jan [at] gemeente [dot] nl", "gemeente", "[e-mail]"),
        Identifying("mail jan (at) gemeente (punt) nl", "gemeente", "[e-mail]"),
        Identifying("mail jan(at)gemeente.nl", "gemeente", "[e-mail]"),
        Identifying("mail jan apenstaartje gemeente punt nl", "gemeente", "[e-mail]"),
        Identifying("mail jan apenstaartje gemeente.nl", "gemeente", "[e-mail]"),
        Identifying("mail josé.müller@straße.de", "müller", "[e-mail]"),
        Identifying("mail ｊａｎ＠ｇｅｍｅｅｎｔｅ.ｎｌ", "gemeente", "[e-mail]"),
        Identifying("mail jan＠gemeente.nl", "gemeente", "[e-mail]"),
        Identifying("J.Jansen@Hotmail.COM", "Jansen", "[e-mail]"),
        Identifying("mijn mail: piet_klaas+wijk@xs4all.nl.", "piet_klaas", "[e-mail]"),
        Identifying("info@buurthuis-de-kern.nl voor vragen", "buurthuis", "[e-mail]"),
        Identifying("mail jan at gmail dot com", "gmail", "[e-mail]"),
        Identifying("mail jan AT hotmail PUNT com", "hotmail", "[e-mail]"),
        Identifying("a.b@c.de", "a.b@", "[e-mail]"),
        Identifying("(mail: anna@ziggo.nl)", "anna", "[e-mail]"),
        // Links and bare domains.
        Identifying("zie https://voorbeeld.nl/pagina?id=3", "voorbeeld", "[url]"),
        Identifying("zie www.wijk.nl", "wijk.nl", "[url]"),
        Identifying("zie http://x.org", "x.org", "[url]"),
        Identifying("zie facebook.com/jan.jansen", "jan.jansen", "[url]"),
        Identifying("mijnblog.nl/pad/naar/mij", "mijnblog", "[url]"),
        Identifying("instagram.com/annekeuit7601", "annekeuit", "[url]"),
        Identifying("kijk op mijnwijk.nl", "mijnwijk", "[url]"),
        Identifying("HTTPS://EXAMPLE.COM/X", "EXAMPLE", "[url]"),
        Identifying("linkedin.com/in/pietpuk", "pietpuk", "[url]"),
        Identifying("youtube.com/@buurtvlogger", "buurtvlogger", "[url]"),
        Identifying("tiktok.com/@kerkwijkmeid", "kerkwijkmeid", "[url]"),
        Identifying("site: jansen-loodgieters.nl", "jansen-loodgieters", "[url]"),
        // IBANs.
        Identifying("rekening NL91 ABNA 0417 1643 00", "0417", "[iban]"),
        Identifying("NL91ABNA0417164300", "ABNA", "[iban]"),
        Identifying("nl91abna0417164300 graag", "0417", "[iban]"),
        Identifying("NL91-ABNA-0417-1643-00", "1643", "[iban]"),
        Identifying("iban NL02RABO0123456789.", "0123456789", "[iban]"),
        Identifying("BE68 5390 0754 7034", "0754", "[iban]"),
        Identifying("DE89 3704 0044 0532 0130 00", "0532", "[iban]"),
        Identifying("NL 91 ABNA 0417 1643 00", "1643 00", "[iban]"),
        // Citizen service numbers.
        Identifying("mijn bsn is 111222333", "111222333", "[bsn]"),
        Identifying("BSN 123456782", "123456782", "[bsn]"),
        Identifying("bsn: 123.456.782", "456", "[bsn]"),
        Identifying("sofinummer 999999990", "999999990", "[bsn]"),
        // Phone numbers.
        Identifying("bel 06-12345678", "12345678", "[telefoon]"),
        Identifying("bel 06 1234 5678.", "1234 5678", "[telefoon]"),
        Identifying("bel 06–12345678", "12345678", "[telefoon]"),
        Identifying("bel 06\u{00A0}12\u{00A0}34\u{00A0}56\u{00A0}78", "34", "[telefoon]"),
        Identifying("bel ０６１２３４５６７８", "１２３４", "[telefoon]"),
        Identifying("bel 0612345678", "0612345678", "[telefoon]"),
        Identifying("0612345678bel me", "0612345678", "[telefoon]"),
        Identifying("tel0612345678", "0612345678", "[telefoon]"),
        Identifying("+31 6 12345678", "12345678", "[telefoon]"),
        Identifying("+31612345678", "612345678", "[telefoon]"),
        Identifying("0031612345678", "0031612345678", "[telefoon]"),
        Identifying("+31(0)6 12345678", "12345678", "[telefoon]"),
        Identifying("+31 (0)20 654 3210", "654 3210", "[telefoon]"),
        Identifying("020-6543210", "6543210", "[telefoon]"),
        Identifying("(020) 6543210", "6543210", "[telefoon]"),
        Identifying("0546 123456", "123456", "[telefoon]"),
        Identifying("0546-12 34 56", "12 34 56", "[telefoon]"),
        Identifying("tel. 010.123.45.67", "123.45.67", "[telefoon]"),
        Identifying("+44 20 7946 0958", "7946", "[telefoon]"),
        Identifying("+32 470 12 34 56", "470 12", "[telefoon]"),
        Identifying("whatsapp 06/12345678", "12345678", "[telefoon]"),
        Identifying("bel 06 - 123 456 78", "456", "[telefoon]"),
        Identifying("mobiel:0612345678,thuis", "0612345678", "[telefoon]"),
        // Postcodes.
        Identifying("ik woon op 7601AB", "7601", "[postcode]"),
        Identifying("ik woon op 7601 AB in Almelo", "7601", "[postcode]"),
        Identifying("postcode 1234 ab", "1234", "[postcode]"),
        Identifying("postcode 1234-AB", "1234", "[postcode]"),
        Identifying("postcode 1234  AB", "1234", "[postcode]"),
        Identifying("postcode 1234 - ab", "1234", "[postcode]"),
        Identifying("7601ab", "7601", "[postcode]"),
        Identifying("７６０１ ＡＢ", "AB", "[postcode]"),
        Identifying("1011 AC Amsterdam", "1011", "[postcode]"),
        Identifying("pc: 9999ZZ.", "9999", "[postcode]"),
        // Addresses.
        Identifying("ik woon Kerkstraat 12a", "Kerkstraat 12", "[adres]"),
        Identifying("Dorpsweg 7-II heeft last", "Dorpsweg 7", "[adres]"),
        Identifying("op de Stationsweg 101 is het druk", "Stationsweg 101", "[adres]"),
        Identifying("Van Speijkstraat 3 bis", "Speijkstraat 3", "[adres]"),
        Identifying("Burgemeester Kampslaan 44", "Kampslaan 44", "[adres]"),
        Identifying("Oude Gracht 12", "Gracht 12", "[adres]"),
        Identifying("Marktplein 1", "Marktplein 1", "[adres]"),
        Identifying("Hoofdweg 1024-3", "Hoofdweg 1024", "[adres]"),
        Identifying("bij Lindelaan 5 hs", "Lindelaan 5", "[adres]"),
        Identifying("Prinsengracht 263", "Prinsengracht 263", "[adres]"),
        Identifying("Eikenhof 9b achterom", "Eikenhof 9", "[adres]"),
        Identifying("Wierdensestraat 17 A", "Wierdensestraat 17", "[adres]"),
        Identifying("schrijf naar Molenkade 4", "Molenkade 4", "[adres]"),
        Identifying("Rozensingel 23, Almelo", "Rozensingel 23", "[adres]"),
        // Birth dates.
        Identifying("geboren 12-03-1961", "1961", "[geboortedatum]"),
        Identifying("geb. 3/4/1950", "1950", "[geboortedatum]"),
        Identifying("geboortedatum: 01.02.1988", "1988", "[geboortedatum]"),
        Identifying("Geboren op 7 maart 1944", "1944", "[geboortedatum]"),
        Identifying("geboren 1970-05-06", "1970-05", "[geboortedatum]"),
        Identifying("geb. 14 okt. 1939", "1939", "[geboortedatum]"),
        // Several at once.
        Identifying("Jan, Kerkstraat 12, 7601 AB, 06-12345678, jan@x.nl", "12345678", "[telefoon]"),
        Identifying("mail piet@kpn.nl of bel +31 6 87654321", "piet", "[e-mail]"),
    ]

    static let clean: [String] = [
        "10 mensen kwamen", "in 2024 en 2025", "huisnummer 12", "bus 4 rijdt om 17.30", "1234 SS is geen postcode",
        "ik geef een 8", "200 meter verderop", "tussen 1990 en 2000", "de Kerkstraat is onveilig", "op de Dorpsweg rijden ze te hard",
        "de Stationsweg moet veiliger", "het plein is te donker", "sinds 2019 in de wijk", "wacht 3 weken op antwoord",
        "meer dan 1000 handtekeningen", "ongeveer 2500 km gereden", "het kost 1500 euro", "in 1995 gebouwd",
        "om 9 uur 's avonds", "bus 12 en tram 3", "cijfer 7,5", "van 2020 tot 2024", "3 op de 10 bewoners",
        "de gemeente luistert niet", "Meer groen graag!", "Speeltuin kapot sinds mei", "Wijkagent nooit gezien",
        "te veel hondenpoep", "1e verdieping", "2e keer gemeld", "lijn 6 rijdt te weinig", "50 km per uur is te hard",
        "de at-grens", "dat is fijn", "wat een puinhoop", "punt uit", "dot is een woord",
        "bij de Aldi op de hoek", "jaren 80 flats", "2 x per week", "om 18.00 uur", "15-20 minuten lopen",
        "een 10 voor inzet", "ik ben 67 jaar", "al 40 jaar hier", "sinds 2001 op dit adres", "3 kinderen",
        "de weg naar school", "over 5 jaar", "ruim 300 woningen", "ca. 12 bomen gekapt", "maar 1 bankje",
        "in 2024 en 2025 niets gebeurd", "in de jaren '70", "nr. 1 ergernis: parkeren", "6 van de 10 lantaarns kapot",
        "versie 2.0 van het plan", "zie punt 3.2 van het plan", "geboren en getogen in Kerkwijk", "geboren in 1960",
        "we zijn met 1234 en meer", "ik was 3 dagen weg", "de Weg is lang",
    ]
}

@Suite("Scrubbing the spellings residents use")
struct ScrubberTableTests {
    @Test("identifying text is replaced", arguments: ScrubberTable.identifying)
    func identifying(_ row: Identifying) {
        let scrubbed = Scrubber.scrub(row.text)
        #expect(!scrubbed.contains(row.secret), "\(scrubbed)")
        #expect(scrubbed.contains(row.mark), "\(scrubbed)")
    }

    @Test("ordinary text survives", arguments: ScrubberTable.clean)
    func clean(_ text: String) {
        #expect(Scrubber.scrub(text) == text)
    }

    @Test("the table holds at least 150 strings, identifying and clean")
    func tableSize() {
        #expect(ScrubberTable.identifying.count >= 90 && ScrubberTable.clean.count >= 60)
        #expect(ScrubberTable.identifying.count + ScrubberTable.clean.count >= 150)
    }
}
