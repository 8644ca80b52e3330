package render

import (
	"fmt"
	template "github.com/commonagenda/agenda/generator/render/internal/htmltemplate"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/commonagenda/agenda/generator/analysis"
	"github.com/commonagenda/agenda/generator/diag"
	"github.com/commonagenda/agenda/generator/model"
)

// funcs returns the template functions themes may use:
//
//	asset "css/site.css"   the fingerprinted URL of a file under static/
//	absURL "/objectives/"  the absolute URL of a site path
//	date .Due              "January 2, 2006" ("" when unset)
//	isoDate .Due           "2006-01-02", for <time datetime>
//	money .Committed       an amount in the site currency: "$1,250,000"
//	number 12.5            a figure with thousands separators: "12.5"
//	plural 3 "org" "orgs"  "3 orgs"
//	cached "block" key .   the block "block" executed with ., rendered once
//	                       per key and rendering pass (see cached.go)
func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":   r.asset,
		"cached":  r.cached,
		"absURL":  r.absURL,
		"date":    formatDate,
		"isoDate": func(d model.Date) string { return d.String() },
		"money":   r.money,
		"number":  formatNumber,
		"plural":  plural,
	}
}

// asset returns the published URL of a theme file under static/, or an
// error naming the known files when there is none.
func (r *renderer) asset(name string) (string, error) {
	if u, ok := r.assets[name]; ok {
		return u, nil
	}
	known := make([]string, 0, len(r.assets))
	for k := range r.assets {
		known = append(known, k)
	}
	slices.Sort(known)
	return "", fmt.Errorf("unknown asset %q (%s)", name, diag.Suggest(name, known))
}

// absURL joins the base URL and a site path.
func (r *renderer) absURL(p string) string {
	return r.base + strings.TrimPrefix(p, "/")
}

// formatDate writes a date for people, or "" when unset.
func formatDate(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("January 2, 2006")
}

// currencySymbols are the currencies written with a symbol before the
// amount; others are written as "1,000 CHF".
var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£"}

// money formats an amount in the site currency: thousands separators, no
// decimals for whole amounts, two otherwise.
func (r *renderer) money(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	n := analysis.FormatAmount(v)
	if sym, ok := currencySymbols[r.currency]; ok {
		return sign + sym + n
	}
	return sign + n + " " + r.currency
}

// formatNumber writes a figure with thousands separators and as few
// decimals as it needs.
func formatNumber(v float64) string { return analysis.FormatFigure(v) }

// plural writes a count with the right form of its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// label turns a vocabulary key into words: "in-progress" is "In progress".
func label(key string) string {
	if key == "" {
		return ""
	}
	if c := key[0]; 'a' <= c && c <= 'z' {
		// The usual key, made in one allocation.
		var b strings.Builder
		b.Grow(len(key))
		b.WriteByte(c - 'a' + 'A')
		for i := 1; i < len(key); i++ {
			if c := key[i]; c == '-' {
				b.WriteByte(' ')
			} else {
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	s := strings.ReplaceAll(key, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// webURL returns u when it is an absolute http or https address, else "",
// so only such addresses from front matter become links.
func webURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

var (
	emailPattern = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$`)
	phonePattern = regexp.MustCompile(`^\+?[0-9 ().-]*[0-9][0-9 ().-]*$`)
)

// mailtoURL returns a mailto: link for a plain, valid address, else "".
func mailtoURL(email string) template.URL {
	if !emailPattern.MatchString(email) {
		return ""
	}
	return template.URL("mailto:" + email)
}

// telURL returns a tel: link keeping the number's + and digits, else "".
func telURL(phone string) template.URL {
	if !phonePattern.MatchString(phone) {
		return ""
	}
	var b strings.Builder
	for i, c := range phone {
		if (c >= '0' && c <= '9') || (c == '+' && i == 0) {
			b.WriteRune(c)
		}
	}
	return template.URL("tel:" + b.String())
}

// overdue reports whether an objective's due date has passed while it is
// still open, as package analysis defines it.
func overdue(o *model.Objective, today model.Date) bool { return analysis.IsOverdue(o, today) }

// ogLocale turns a language tag into an Open Graph locale: en-GB is en_GB.
func ogLocale(lang string) string {
	return strings.ReplaceAll(lang, "-", "_")
}
