package check

import (
	"cmp"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// site checks content/site.toml: its addresses, currency, page size and the
// category and sector vocabularies every other file refers to.
func (c *checker) site() {
	site := &c.s.Site
	d := site.Doc
	if site.BaseURL != "" || present(d, "base_url") {
		if msg := webProblem(site.BaseURL); msg != "" {
			c.diags.ErrorHint(d.Pos("base_url"), `like "https://example.org/"`, "base_url %q %s", site.BaseURL, msg)
		} else if u, _ := url.Parse(site.BaseURL); u.RawQuery != "" || u.Fragment != "" {
			c.diags.Errorf(d.Pos("base_url"), "base_url %q must not have a query or fragment", site.BaseURL)
		}
	}
	if site.Repository != "" {
		if msg := webProblem(site.Repository); msg != "" {
			c.diags.ErrorHint(d.Pos("repository"), `like "https://github.com/OWNER/REPO"`, "repository %q %s", site.Repository, msg)
		}
	}
	if p := site.GivingPrefix; p != "" && !givingPrefix.MatchString(p) {
		c.diags.ErrorHint(d.Pos("giving_prefix"), `the prefix 360Giving gave you, like "360G-example"`,
			"giving_prefix %q is not a 360Giving prefix: it starts with 360G- and holds only letters, digits and hyphens", p)
	}
	if site.Currency != "" && !currencyPattern.MatchString(site.Currency) {
		hint := "an ISO 4217 code such as USD"
		if up := strings.ToUpper(site.Currency); currencyPattern.MatchString(up) {
			hint = fmt.Sprintf("did you mean %q?", up)
		}
		c.diags.ErrorHint(d.Pos("currency"), hint, "currency %q must be three upper-case letters", site.Currency)
	} else if site.Currency != "" && !slices.Contains(iso4217, site.Currency) {
		// A warning: the list grows now and then (ZWG in 2024, XCG in
		// 2025), and a newer code than it knows is not a mistake.
		c.diags.WarnHint(d.Pos("currency"), cmp.Or(diag.Suggest(site.Currency, iso4217), "a code such as USD, EUR or GBP"),
			"currency %q is not an ISO 4217 code this version knows (the open data files name it as it is)", site.Currency)
	}
	if site.PageSize < 0 || site.PageSize == 0 && present(d, "page_size") {
		c.diags.Errorf(d.Pos("page_size"), "page_size must be 1 or more, got %d", site.PageSize)
	}
	categories := make([]string, len(site.Categories))
	for i, cat := range site.Categories {
		categories[i] = cat.Key
	}
	sectors := make([]string, len(site.Sectors))
	for i, sec := range site.Sectors {
		sectors[i] = sec.Key
	}
	c.vocabulary(d, "categories", "category", categories)
	c.vocabulary(d, "sectors", "sector", sectors)
}

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

// vocabulary checks the keys of the [[categories]] or [[sectors]] tables:
// there is at least one, each is of key form, and none repeats.
func (c *checker) vocabulary(d *model.Doc, list, kind string, keys []string) {
	if len(keys) == 0 && present(d, list) {
		c.diags.ErrorHint(d.Pos(list), fmt.Sprintf("add [[%s]] tables with key and title", list), "no %s defined", list)
	}
	first := map[string]string{}
	for i, k := range keys {
		key := fmt.Sprintf("%s.%d.key", list, i)
		if k == "" && !present(d, key) {
			continue // missing required key, reported by load
		}
		if !model.IsSlug(k) {
			c.diags.ErrorHint(d.Pos(key), slugHint(k), "%s key %q must be lower-case letters, digits and hyphens", kind, k)
		}
		if f, dup := first[k]; dup {
			c.diags.ErrorHint(d.Pos(key), firstIn(d.Pos(f)), "duplicate %s key %q", kind, k)
			continue
		}
		first[k] = key
	}
}

// webProblem says what is wrong with an address that must be an absolute
// http:// or https:// URL, or returns "" when nothing is.
func webProblem(addr string) string {
	u, err := url.Parse(addr)
	switch {
	case err != nil:
		return "is not a valid address"
	case u.Scheme != "http" && u.Scheme != "https":
		return "must start with http:// or https://"
	case u.Hostname() == "":
		return "has no host name"
	case strings.ContainsFunc(addr, isSpace):
		return "must not contain spaces"
	}
	return ""
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' }

// slugHint suggests a valid slug or key for s: lower-cased, with every run
// of other characters turned into one hyphen.
func slugHint(s string) string {
	if slug := model.Slugify(s); slug != "" && slug != s {
		return fmt.Sprintf("did you mean %q?", slug)
	}
	return "use lower-case letters, digits and hyphens"
}

// givingPrefix is the form of a 360Giving identifier prefix.
var givingPrefix = regexp.MustCompile(`^360G-[A-Za-z0-9-]+$`)

// iso4217 are the ISO 4217 currency codes in use (funds and precious
// metals included), as of 2025.
var iso4217 = strings.Fields(`AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV
BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN
ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES
KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN
MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG
SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU
UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER
ZAR ZMW ZWG ANG SLL ZWL`)
