"""Write the hand-made fixtures of this corpus with exact bytes (encodings, BOMs, line endings).

Run from the repository root: `.venv/bin/python tests/io/corpus/make_fixtures.py`. The header
rows are the exporters' own; MANIFEST.md says what each file must import as.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write(
    relative: str, text: str, encoding: str = "utf-8", bom: bytes = b"", newline: str = "\r\n"
) -> None:
    path = HERE / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    body = text.replace("\r\n", "\n").replace("\n", newline)
    path.write_bytes(bom + body.encode(encoding))


# --- Google Contacts: the current export (2023-) -----------------------------------------------
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
    "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
    "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,"
    "Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value"
)
write(
    "google/google_contacts.csv",
    GOOGLE_HEADER
    + "\n"
    + "Ada,King,Lovelace,,,,Dr.,,Ada,,Analytical Engines,Countess,Research,1815-12-10,"
    + '"Met at the Babbage soirée.\nLikes poetry, maths.",,* myContacts ::: Friends,'
    + "* Home ::: Work,ada@example.org ::: ada@engines.example,,,Mobile,+44 20 7946 0001,"
    + "Work,020 7946 0002,Home,\"12 St James's Square\nLondon SW1Y 4JH\nUK\",12 St James's Square,"
    + "London,,,SW1Y 4JH,UK,,Profile,https://ada.example.org\n"
    + ",,,,,,,,,,,,,--04-12,,,* myContacts,,only@email.example,,,,,,,,,,,,,,,,,,\n"
    + "Grace,,Hopper,,,,,,,,,,,,,,,* Work,grace@navy.example,,,,,,,,,,,,,,,,,\n",
)

# --- Google Contacts: the older "Google CSV", UTF-16 LE with BOM, tab-free commas ---------------
GOOGLE_OLD_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
    "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,"
    "Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,"
    "Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
    "Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Organization 1 - Type,"
    "Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,"
    "Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,"
    "Organization 1 - Job Description"
)
write(
    "google/google_old_utf16le.csv",
    GOOGLE_OLD_HEADER
    + "\n"
    + "Jürgen Müller,Jürgen,,Müller,,,,,,,,,,,1970-01-31,,,,,,,,,,,Zürich office,,,"
    + "* My Contacts ::: Kunden,* Work,juergen@example.de,Mobile,+49 170 1234567,Work,"
    + "+49 30 123456 ::: +49 30 654321,,Beispiel GmbH,,Einkauf,,,,,\n",
    encoding="utf-16-le",
    bom=codecs.BOM_UTF16_LE,
)

# --- Outlook (English), Windows-1252, US dates -------------------------------------------------
OUTLOOK_HEADER = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title",'
    '"Business Street","Business Street 2","Business Street 3","Business City","Business State",'
    '"Business Postal Code","Business Country/Region","Home Street","Home Street 2",'
    '"Home Street 3","Home City","Home State","Home Postal Code","Home Country/Region",'
    '"Other Street","Other Street 2","Other Street 3","Other City","Other State",'
    '"Other Postal Code","Other Country/Region","Assistant\'s Phone","Business Fax",'
    '"Business Phone","Business Phone 2","Callback","Car Phone","Company Main Phone","Home Fax",'
    '"Home Phone","Home Phone 2","ISDN","Mobile Phone","Other Fax","Other Phone","Pager",'
    '"Primary Phone","Radio Phone","TTY/TDD Phone","Telex","Account","Anniversary",'
    '"Assistant\'s Name","Billing Information","Birthday","Business Address PO Box","Categories",'
    '"Children","Directory Server","E-mail Address","E-mail Type","E-mail Display Name",'
    '"E-mail 2 Address","E-mail 2 Type","E-mail 2 Display Name","E-mail 3 Address",'
    '"E-mail 3 Type","E-mail 3 Display Name","Gender","Government ID Number","Hobby",'
    '"Home Address PO Box","Initials","Internet Free Busy","Keywords","Language","Location",'
    '"Manager\'s Name","Mileage","Notes","Office Location","Organizational ID Number",'
    '"Other Address PO Box","Priority","Private","Profession","Referred By","Sensitivity",'
    '"Spouse","User 1","User 2","User 3","User 4","Web Page"'
)


def outlook_row(values: dict[str, str]) -> str:
    names = [h.strip('"') for h in OUTLOOK_HEADER.split(",")]
    return ",".join('"' + values.get(n, "").replace('"', '""') + '"' for n in names)


write(
    "outlook/outlook_en_cp1252.csv",
    OUTLOOK_HEADER
    + "\n"
    + outlook_row(
        {
            "Title": "Mr.",
            "First Name": "José",
            "Last Name": "Núñez",
            "Company": "Café Olé Inc.",
            "Job Title": "Owner",
            "Business Street": "1 Main St",
            "Business City": "Springfield",
            "Business State": "IL",
            "Business Postal Code": "62701",
            "Business Country/Region": "United States of America",
            "Business Phone": "(217) 555-0100",
            "Mobile Phone": "217-555-0199",
            "Birthday": "4/12/1985",
            "Anniversary": "0/0/00",
            "E-mail Address": "jose@cafeole.example",
            "E-mail Type": "SMTP",
            "E-mail Display Name": "José Núñez (jose@cafeole.example)",
            "Notes": "Prefers calls — never before 10am.",
            "Spouse": "María",
            "Gender": "Unspecified",
            "Priority": "Normal",
            "Private": "False",
            "Sensitivity": "Normal",
        }
    )
    + "\n",
    encoding="cp1252",
)

# --- Outlook (German), ';' delimiter, Windows-1252, day.month.year --------------------------
OUTLOOK_DE_HEADER = (
    '"Anrede";"Vorname";"Weitere Vornamen";"Nachname";"Suffix";"Firma";"Abteilung";"Position";'
    '"Straße geschäftlich";"Straße geschäftlich 2";"Straße geschäftlich 3";"Ort geschäftlich";'
    '"Region geschäftlich";"Postleitzahl geschäftlich";"Land/Region geschäftlich";'
    '"Straße privat";"Straße privat 2";"Straße privat 3";"Ort privat";"Bundesland/Kanton privat";'
    '"Postleitzahl privat";"Land/Region privat";"Fax geschäftlich";"Telefon geschäftlich";'
    '"Telefon geschäftlich 2";"Fax privat";"Telefon privat";"Telefon privat 2";"Mobiltelefon";'
    '"Jahrestag";"Geburtstag";"Kategorien";"E-Mail-Adresse";"E-Mail-Typ";'
    '"E-Mail: Angezeigter Name";"E-Mail 2: Adresse";"E-Mail 2: Typ";'
    '"E-Mail 2: Angezeigter Name";"Notizen";"Webseite"'
)
de_names = [h.strip('"') for h in OUTLOOK_DE_HEADER.split(";")]
de_values = {
    "Anrede": "Frau",
    "Vorname": "Käthe",
    "Nachname": "Größer",
    "Firma": "Bäckerei Größer",
    "Position": "Meisterin",
    "Straße geschäftlich": "Hauptstraße 5",
    "Ort geschäftlich": "München",
    "Postleitzahl geschäftlich": "80331",
    "Land/Region geschäftlich": "Deutschland",
    "Telefon geschäftlich": "089 1234567",
    "Mobiltelefon": "+49 151 2345678",
    "Geburtstag": "24.12.1961",
    "Jahrestag": "0.0.00",
    "E-Mail-Adresse": "kaethe@baeckerei.example",
    "E-Mail-Typ": "SMTP",
    "Notizen": "Liefert Brötchen; sonntags geschlossen.",
}
write(
    "outlook/outlook_de_semicolon_cp1252.csv",
    OUTLOOK_DE_HEADER + "\n" + ";".join(f'"{de_values.get(n, "")}"' for n in de_names) + "\n",
    encoding="cp1252",
)

# --- Outlook (French), ';' delimiter, Windows-1252 --------------------------------------------
OUTLOOK_FR_HEADER = (
    "Titre;Prénom;Deuxième prénom;Nom;Suffixe;Société;Service;Titre;Rue (bureau);"
    "Ville (bureau);Code postal (bureau);Pays/Région (bureau);Téléphone (bureau);Tél. mobile;"
    "Anniversaire;Adresse de messagerie;Notes;Page Web"
)
write(
    "outlook/outlook_fr_semicolon_cp1252.csv",
    OUTLOOK_FR_HEADER
    + "\n"
    + "M.;Frédéric;;Lefèvre;;Société Générale d'Édition;;Éditeur;3 rue de l'Église;Lyon;69002;"
    + "France;04 72 00 00 00;06 12 34 56 78;03/02/1975;frederic@edition.example;Rencontré au salon;"
    + "https://edition.example\n",
    encoding="cp1252",
)

# --- Thunderbird: the cases Thunderbird's own tests use ----------------------------------------
TB_HEADER = (
    "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Work Phone,"
    "Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,Home City,"
    "Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,Work State,"
    "Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,Web Page 2,"
    "Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes,Screen Name"
)
write(
    "thunderbird/utf16_csv.csv",
    TB_HEADER + "\nJohn,Doe,John Doe,,johndoe@host.invalid" + "," * 32 + "\n",
    encoding="utf-16-le",
    bom=codecs.BOM_UTF16_LE,
)
write(
    "thunderbird/shiftjis_csv.csv",
    "Display Name,Primary Email,Notes\n名無しの権兵衛,nanashi@example.jp,日本語のメモです。会議で会った。\n",
    encoding="shift_jis",
)
write(
    "thunderbird/quote_csv.csv",
    TB_HEADER
    + '\n"Acer","Support","Acer Support",,"support@acer.invalid",,"(800) 000-0000",,,,,,,,,,,'
    + '"1 Acer Way, Suite 100",,"San Jose","CA","95110","USA",,"Customer, Care","Acer America"'
    + ',,,"1990","1","2",,,,,"Line one\nLine ""two""",\n',
)
write(
    "thunderbird/dos_vcard_crlf.vcf",
    "BEGIN:VCARD\nVERSION:3.0\nN:Surname;Name;;;\nFN:Name Surname\n"
    "EMAIL;type=INTERNET;type=HOME:example@gmail.com\nEND:VCARD\n",
)

# --- LinkedIn Connections.csv, with its "Notes:" preamble ---------------------------------------
write(
    "linkedin/Connections.csv",
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@example.org,Analytical Engines,"
    "Countess,07 Mar 2021\n"
    "Alan,Turing,https://www.linkedin.com/in/alan-turing,,Bletchley Park,Cryptanalyst,"
    "23 Jun 2019\n",
    newline="\n",
)

# --- Yahoo Mail ------------------------------------------------------------------------------
YAHOO_HEADER = (
    '"First","Middle","Last","Nickname","Email","Category","Distribution Lists","Messenger ID",'
    '"Home","Work","Pager","Fax","Mobile","Other","Yahoo! Phone","Primary","Alternate Email 1",'
    '"Alternate Email 2","Personal Website","Business Website","Title","Company","Work Address",'
    '"Work City","Work State","Work ZIP","Work Country","Home Address","Home City","Home State",'
    '"Home ZIP","Home Country","Birthday","Anniversary","Custom 1","Custom 2","Custom 3",'
    '"Custom 4","Comments"'
)
yahoo_names = [h.strip('"') for h in YAHOO_HEADER.split(",")]
yahoo_values = {
    "First": "Marie",
    "Last": "Curie",
    "Email": "marie@radium.example",
    "Alternate Email 1": "mcurie@sorbonne.example",
    "Mobile": "+33 6 11 22 33 44",
    "Company": "Sorbonne",
    "Title": "Professor",
    "Birthday": "11/7/1867",
    "Comments": "Two Nobel prizes.",
}
write(
    "yahoo/yahoo_contacts.csv",
    YAHOO_HEADER + "\n" + ",".join(f'"{yahoo_values.get(n, "")}"' for n in yahoo_names) + "\n",
)

# --- Generic CSVs in other encodings and delimiters --------------------------------------------
write(
    "generic/latin1_french.csv",
    "Nom;Prénom;Courriel;Téléphone;Société;Remarques\n"
    "Dupré;Hélène;helene@example.fr;01 23 45 67 89;Crème & Cie;Très sympathique, à rappeler\n",
    encoding="latin-1",
)
write(
    "generic/utf16be_bom.csv",
    "Full Name,E-mail,Mobile\nDr. Ada King Lovelace,ada@example.org,+44 7700 900123\n",
    encoding="utf-16-be",
    bom=codecs.BOM_UTF16_BE,
)
write(
    "generic/utf8_bom_tab.tsv",
    "Name\tEmail\tCompany\tBirthday\nŁukasz Żółć\tlukasz@example.pl\tZażółć sp. z o.o.\t1990-05-06\n",
    bom=codecs.BOM_UTF8,
)
write("generic/email_only.csv", "email\nnobody.special@example.com\n", newline="\n")

# --- vCard 2.1 / 3.0 / 4.0 ----------------------------------------------------------------------
write(
    "vcard/v21_quoted_printable.vcf",
    "BEGIN:VCARD\n"
    "VERSION:2.1\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\n"
    "TEL;CELL;PREF:+49 170 1234567\n"
    "TEL;WORK;VOICE:030 123456\n"
    "EMAIL;INTERNET:juergen@example.de\n"
    "NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Gr=FC=DFe aus K=F6ln, eine sehr lange Notiz, =\n"
    "die weitergeht=0D=0Aund eine zweite Zeile\n"
    "ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;Stra=C3=9Fe 1;K=C3=B6ln;;50667;Deutschland\n"
    "PHOTO;ENCODING=BASE64;TYPE=JPEG:\n"
    " /9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////\n"
    " //////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBAB\n"
    "\n"
    "END:VCARD\n",
)
write(
    "vcard/v30_apple_groups.vcf",
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Hopper;Grace;Brewster Murray;RAdm.;\r\n"
    "FN:Grace Hopper\r\n"
    "ORG:US Navy;Computing;\r\n"
    "TITLE:Rear Admiral\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:grace@navy.example\r\n"
    "item1.X-ABLabel:_$!<Other>!$_\r\n"
    "item2.EMAIL;type=INTERNET:amazing.grace@example.org\r\n"
    "item2.X-ABLabel:Conference\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:(202) 555-0143\r\n"
    "item3.URL;type=pref:https://example.org/grace\r\n"
    "item3.X-ABLabel:_$!<HomePage>!$_\r\n"
    "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-09\r\n"
    'NOTE:Invented the compiler\\, found a moth\\; said \\"it\'s easier to ask forgiveness\\"\\n\r\n'
    " than permission.\r\n"
    "X-SOCIALPROFILE;type=twitter:https://twitter.com/gracehopper\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgK\r\n"
    " CgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Only An Org\r\n"
    "ORG:Acme Widgets\r\n"
    "X-ABShowAs:COMPANY\r\n"
    "END:VCARD\r\n",
)
write(
    "vcard/v40.vcf",
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Ada Lovelace\n"
    "N:Lovelace;Ada;King;Dr.;\n"
    "NICKNAME:Enchantress of Numbers,Ada\n"
    'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+44-20-7946-0001\n'
    "EMAIL;TYPE=work:ada@example.org\n"
    "BDAY:--1210\n"
    "ANNIVERSARY:18350708\n"
    "ADR;TYPE=home:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\n"
    "NOTE:Poetical science\\; notes on the engine\\, 1843.\n"
    "CATEGORIES:mathematics,poetry\n"
    "END:VCARD\n",
)
write(
    "vcard/truncated.vcf",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Complete Card\nEMAIL:complete@example.org\nEND:VCARD\n"
    "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\nEMAIL:cut@exa",
    newline="\n",
)

if __name__ == "__main__":
    print("fixtures written under", HERE)
