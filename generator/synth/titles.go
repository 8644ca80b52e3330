package synth

import "math/rand/v2"

// objectiveTitles are what a strategy's goals say, by category; objectives
// and actions below them add a place or a group of people.
var objectiveTitles = [][]string{
	{"Reduce the risk of exploitation in labor recruitment", "End recruitment fees charged to migrant workers",
		"Teach every school to recognize grooming and recruitment", "Keep forced labor out of public procurement",
		"Screen high-risk supply chains for forced labor", "Make online recruitment safer for young people",
		"Protect runaway and homeless youth from exploitation", "Raise awareness of labor trafficking among employers",
		"Certify employers under a fair recruitment standard", "Strengthen labor inspections in agriculture",
		"Reach foster youth before traffickers do", "Train hotel and transport staff to spot trafficking"},
	{"Place every survivor in safe housing within 24 hours", "Expand trauma-informed case management",
		"Give survivors free legal help with immigration relief", "Screen patients for trafficking in emergency departments",
		"Open long-term housing for survivors and their families", "Offer survivors job training and steady work",
		"Answer every hotline call in the caller's language", "Bring mental health care to survivors where they live",
		"Support foreign national survivors through the T-visa process", "Clear survivors' criminal records of trafficking-related offenses"},
	{"Investigate labor trafficking as often as sex trafficking", "Follow the money in trafficking cases",
		"Secure restitution for every survivor who testifies", "Train prosecutors in victim-centered trial practice",
		"Build multidisciplinary teams in every judicial district", "Hold recruiters and labor brokers accountable",
		"Shorten the time from tip to investigation", "Protect survivors who testify from retaliation",
		"Seize traffickers' assets for survivors' compensation"},
	{"Publish one common set of indicators", "Share case data safely across agencies",
		"Fund objectives no one funds yet", "Put survivors on every task force's leadership",
		"Coordinate grantmaking among the strategy's funders", "Bring every sector to each objective",
		"Report progress on the strategy every year", "Build referral agreements with neighboring countries"},
}

var qualifiers = []string{"in rural communities", "along the southern border", "in the hospitality sector",
	"in agriculture", "for Native communities", "for youth in foster care", "in the construction industry",
	"for domestic workers", "in seafood processing", "in the largest cities", "for LGBTQ+ youth",
	"in home care", "for workers on temporary visas", "in schools", "online", "in tribal nations",
	"for survivors with disabilities", "in every state", "in the trucking industry", "at ports of entry"}

// objectiveTitle draws a title: goals (depth 0) plain, the levels below
// with a qualifier.
func objectiveTitle(rng *rand.Rand, category, depth int) string {
	list := objectiveTitles[category]
	t := list[rng.IntN(len(list))]
	if depth > 0 {
		t += " " + qualifiers[rng.IntN(len(qualifiers))]
	}
	return t
}

// indicators are measures of progress by category: name and unit.
var indicatorNames = [][][2]string{
	{{"Employers certified under the fair recruitment standard", "employers"}, {"Workers who paid a recruitment fee", "percent"},
		{"Schools teaching the prevention curriculum", "schools"}, {"Supply chains audited for forced labor", "audits"},
		{"Staff trained to recognize trafficking", "people"}, {"Labor inspections in high-risk industries", "inspections"}},
	{{"Survivors placed in safe housing within 24 hours", "percent"}, {"Survivors receiving case management", "people"},
		{"Hotline calls answered in the caller's language", "percent"}, {"T-visa applications filed with legal help", "applications"},
		{"Patients screened in emergency departments", "patients"}, {"Survivors in stable employment after a year", "people"}},
	{{"Labor trafficking investigations opened", "cases"}, {"Cases with a financial investigation", "percent"},
		{"Restitution ordered", "USD"}, {"Prosecutors trained in victim-centered practice", "people"},
		{"Median days from tip to investigation", "days"}, {"Convictions", "cases"}},
	{{"Agencies sharing case data", "agencies"}, {"Objectives with a funder", "percent"},
		{"Task forces with survivor leaders", "task forces"}, {"Sectors present per objective", "sectors"},
		{"Funders reporting commitments", "funders"}},
}

var indicatorSources = []string{"Annual survey of members", "Hotline records", "Court records",
	"State labor department", "Shelter network data", "Grantee reports", "Case management system"}
