package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Patterns of organization names by sector. {S} is the state, {C} a city
// of it, {K} a county, {H} a haven word (Harbor, Beacon), {HK} a haven
// word and a kind (Harbor House), {N} a surname, {T} a saint, {B} a kind
// of business, {R} a trade, {I} an industry, {D} a number.
var orgPatterns = map[string][]string{
	"government": {"{S} Department of Labor", "{S} Department of Children and Family Services",
		"{S} Department of Health", "{S} Office of the Attorney General", "{S} Office of Victim Services",
		"{K} County Department of Social Services", "City of {C} Office of Immigrant Affairs",
		"{S} Department of Agriculture", "{S} Commission on Human Trafficking", "{C} Mayor's Office of Public Safety",
		"{S} Workforce Commission", "{S} Department of Transportation", "{S} Department of Education",
		"{K} County Juvenile Court", "{S} Crime Victims Compensation Board"},
	"law-enforcement": {"{C} Police Department", "{K} County Sheriff's Office", "{S} State Police",
		"{S} Bureau of Investigation", "{K} County District Attorney's Office",
		"U.S. Attorney's Office for the District of {S}", "{C} Port Authority Police",
		"{S} Attorney General's Human Trafficking Section", "{C} Airport Police"},
	"victim-services": {"{HK}", "{HK}", "{HK} of {C}", "{C} Legal Aid Society", "{S} Immigrant Legal Services",
		"{C} Center for Survivors", "{K} County Crisis Center", "Survivor Advocacy Center of {C}",
		"{H} Youth Shelter", "{C} Refugee and Immigrant Services", "{S} Survivor Legal Project"},
	"advocacy": {"Coalition Against Trafficking of {S}", "{S} Anti-Trafficking Alliance",
		"{S} Coalition Against Domestic Violence and Trafficking", "Voices for Freedom {S}",
		"{C} Anti-Trafficking Coalition", "{S} Immigrant Rights Coalition", "Free to Work {S}",
		"{S} Justice Project", "{C} Youth Advocacy Network"},
	"faith-based": {"Catholic Charities of {C}", "St. {T} Parish of {C}", "First Baptist Church of {C}",
		"{C} Interfaith Council", "Sisters of St. {T}", "{C} Rescue Mission", "{C} Islamic Center",
		"Lutheran Social Services of {S}", "Jewish Family Services of {C}", "{H} Ministries", "{C} Friends Meeting"},
	"business": {"{H} {B}", "{N} {B}", "{S} Lodging Association", "{C} Chamber of Commerce", "{S} Farm Bureau",
		"{C} Hotel and Lodging Association", "{S} Trucking Association", "{S} {I} Growers Cooperative"},
	"philanthropy": {"{N} Family Foundation", "{C} Community Foundation", "{H} Fund", "{N} Foundation",
		"{S} Women's Foundation", "United Way of {C}", "{N}-{N} Charitable Trust"},
	"survivor-led": {"{H} Survivor Collective", "Survivors of {S} Network", "{H} Rising", "Survivor Alliance of {C}",
		"{C} Survivor Leadership Council", "Lived Experience Circle of {S}"},
	"academia": {"University of {S}", "{S} State University", "{C} Community College",
		"{N} Institute for Labor Research", "{C} College", "{S} School of Public Health"},
	"healthcare": {"St. {T} Hospital of {C}", "{C} Community Health Center", "{K} County Health Department",
		"{C} General Hospital", "{H} Health Clinic", "{C} Children's Hospital", "{S} Primary Care Association"},
	"labor": {"{R} Union Local {D}", "{S} AFL-CIO", "{C} Worker Center", "{S} Farmworker Rights Project",
		"{R} Alliance of {S}"},
	"multilateral": {"International Organization for Migration — {C} Office", "Consulate of Mexico in {C}",
		"Consulate of Guatemala in {C}", "Consulate of the Philippines in {C}", "Consulate of Honduras in {C}",
		"International Labour Organization — North America Office", "Organization of American States"},
}

// units are offices inside a government body, police force or
// university, named "<parent> — <unit>".
var units = map[string][]string{
	"government": {"Human Trafficking Unit", "Office of Victim Advocacy", "Labor Standards Bureau",
		"Wage and Hour Bureau", "Crime Victims Compensation Program", "Office of Refugee Services",
		"Child Welfare Division", "Migrant and Seasonal Farmworker Program"},
	"law-enforcement": {"Human Trafficking Unit", "Special Victims Unit", "Vice Unit", "Financial Crimes Unit",
		"Victim-Witness Program", "Child Exploitation Unit"},
	"academia": {"Center for Human Rights", "School of Social Work", "Immigration Law Clinic",
		"Anti-Trafficking Research Lab", "Labor Studies Center", "Program on Forced Labor"},
}

// partnershipPatterns name partnerships; {P} is the place (a state, or a
// city and its state).
var partnershipPatterns = []struct{ pattern, kind string }{
	{"{S} Human Trafficking Task Force", "task-force"},
	{"{C} Area Anti-Trafficking Task Force", "task-force"},
	{"{C} Multidisciplinary Team on Child Exploitation", "working-group"},
	{"{S} Fair Recruitment Coalition", "coalition"},
	{"{C} Survivor Services Network", "network"},
	{"{S} Shelter Network", "network"},
	{"{S} Labor Trafficking Working Group", "working-group"},
	{"{I} Responsible Sourcing Alliance", "alliance"},
	{"{S} Referral Agreement on Foreign National Survivors", "agreement"},
	{"{C} Faith Communities Against Trafficking", "coalition"},
	{"{S} Funders Collaborative on Trafficking", "alliance"},
	{"{C} Hotel and Hospitality Training Partnership", "agreement"},
	{"{S} Data Sharing Agreement", "agreement"},
	{"{K} County Coordinated Response Team", "working-group"},
	{"{S} Survivor Employment Pathways", "network"},
}

// fill replaces a pattern's placeholders with words drawn for place st.
func fill(rng *rand.Rand, pattern string, st *state) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(pattern, '{')
		if i < 0 {
			b.WriteString(pattern)
			return b.String()
		}
		j := strings.IndexByte(pattern[i:], '}') + i
		b.WriteString(pattern[:i])
		b.WriteString(placeholder(rng, pattern[i+1:j], st))
		pattern = pattern[j+1:]
	}
}

func placeholder(rng *rand.Rand, key string, st *state) string {
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	switch key {
	case "S":
		return st.name
	case "C":
		return pick(st.cities)
	case "K":
		return pick(counties)
	case "H":
		return strings.ReplaceAll(pick(havens), "-", " ")
	case "HK":
		return strings.ReplaceAll(pick(havens), "-", " ") + " " + pick(havenKinds)
	case "N":
		return pick(surnames)
	case "T":
		return pick(saints)
	case "B":
		return pick(businessKinds)
	case "R":
		return pick(trades)
	case "I":
		return pick(industries)
	case "D":
		return fmt.Sprint(100 + rng.IntN(900))
	}
	panic("synth: unknown placeholder {" + key + "}")
}

// acronym makes "CATO" of "Coalition Against Trafficking of Ohio", or ""
// when the name is too short or too long for one.
func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		switch w {
		case "of", "and", "the", "for", "on", "in", "to", "—":
			continue
		}
		if c := w[0]; c >= 'A' && c <= 'Z' {
			b.WriteByte(c)
		}
	}
	if b.Len() < 2 || b.Len() > 6 {
		return ""
	}
	return b.String()
}
