// Package modeltest provides a small, hand-linked strategy for the tests
// of the packages that read a linked model (feeds, data), so they share
// one fixture instead of each keeping a copy.
package modeltest

import (
	"github.com/commonagenda/agenda/generator/model"
)

// Base is the fixture's base URL, under a sub-path.
const Base = "https://example.org/sub/"

// Strategy is a small strategy as the link phase leaves it:
//
//	PV-1    prevention, led by doj, need 5000, updated 2025-03-01
//	PV-1.2  child of PV-1, due 2026-01-31, updated 2025-04-01
//	PT-1    protection, no updated date, related to PV-1
//	doj     government, funds PV-1 (1000 in 2025, to the coalition, and 250)
//	sl      survivor-led, hostile summary
//	coalition  doj + sl on PV-1, updated 2024-12-31
//	/about/ a page, updated 2025-03-01
func Strategy() *model.Strategy {
	prevention := &model.Category{Key: "prevention", Title: "Prevention", Description: "Stop it before it starts."}
	protection := &model.Category{Key: "protection", Title: "Protection"}
	government := &model.Sector{Key: "government", Title: "Government"}
	survivor := &model.Sector{Key: "survivor-led", Title: "Survivor-led"}
	need := 5000.0

	pv1 := &model.Objective{
		ID: "PV-1", Title: "Prevent <trafficking> & exploitation", Category: "prevention",
		Summary: "Fewer people are trafficked.", Sectors: []string{"government", "survivor-led"},
		Lead: []string{"doj"}, Need: &need, Updated: model.NewDate(2025, 3, 1), Start: model.NewDate(2025, 1, 1),
		Indicators: []model.Indicator{{
			Name: "Calls", Unit: "calls", Source: "Hotline",
			Baseline: &model.Measure{Value: 10, Date: model.NewDate(2024, 1, 1)},
			Target:   &model.Measure{Value: 100, Date: model.NewDate(2027, 1, 1)},
			Progress: []model.Measure{{Value: 20, Date: model.NewDate(2025, 1, 1)}},
		}},
	}
	pv12 := &model.Objective{
		ID: "PV-1.2", Title: "Train teachers", Category: "prevention", Summary: "Teachers spot signs.",
		Parent: "pv-1", Status: "in-progress", Due: model.NewDate(2026, 1, 31), Updated: model.NewDate(2025, 4, 1),
		Aliases: []string{"old/pv12", "/objectives/pv-1.2/"},
	}
	pt1 := &model.Objective{ID: "PT-1", Title: "Shelter", Category: "protection", Summary: "Beds for all.", Related: []string{"pv-1"}}

	doj := &model.Organization{
		Slug: "doj", Title: "Department of Justice", Sector: "government", Acronym: "DOJ",
		Objectives: []string{"pv-1"}, Website: "https://justice.example", Regions: []string{"National"},
		Updated: model.NewDate(2025, 3, 1), Aliases: []string{"/orgs/doj"},
		Funding: []model.Commitment{
			{Objective: "pv-1", Amount: 1000, Year: 2025, Recipient: "coalition", Note: "seed"},
			{Objective: "PV-1", Amount: 250},
		},
	}
	sl := &model.Organization{
		Slug: "sl", Title: "Survivors Lead", Sector: "survivor-led",
		Summary: `<script>alert("x")</script> & friends`, Services: []string{"Hotline"},
	}
	coalition := &model.Partnership{
		Slug: "coalition", Title: "Coalition", Members: []string{"doj", "sl"}, Objectives: []string{"PV-1"},
		Lead: []string{"doj"}, Kind: "coalition", Level: "coordination", Started: model.NewDate(2024, 6, 1),
		Updated: model.NewDate(2024, 12, 31), Summary: "Working together.",
	}
	about := &model.Page{Title: "About", Description: "Who we are.", Path: "/about/", Updated: model.NewDate(2025, 3, 1), Aliases: []string{"about-us.html"}}

	// What the link phase fills.
	pv1.CategoryRef, pv12.CategoryRef, pt1.CategoryRef = prevention, prevention, protection
	pv12.ParentRef = pv1
	pv1.Children = []*model.Objective{pv12}
	pv1.LeadOrgs = []*model.Organization{doj}
	pv1.ListedBy = []*model.Organization{doj}
	pv1.Partnerships = []*model.Partnership{coalition}
	pv1.Participants = []*model.Organization{doj, sl}
	pv1.RelatedRefs = []*model.Objective{pt1}
	pt1.RelatedRefs = []*model.Objective{pv1}
	pv1.SectorsNeeded = []*model.Sector{government, survivor}
	doj.SectorRef, sl.SectorRef = government, survivor
	doj.ObjectiveRefs = []*model.Objective{pv1}
	doj.Partnerships = []*model.Partnership{coalition}
	sl.Partnerships = []*model.Partnership{coalition}
	for i := range doj.Funding {
		c := &doj.Funding[i]
		c.Funder, c.ObjectiveRef, c.Index = doj, pv1, i
		pv1.Funding = append(pv1.Funding, c)
		doj.FundingGiven = append(doj.FundingGiven, c)
	}
	doj.Funding[0].RecipientPartnership = coalition
	coalition.MemberOrgs = []*model.Organization{doj, sl}
	coalition.LeadOrgs = []*model.Organization{doj}
	coalition.ObjectiveRefs = []*model.Objective{pv1}
	coalition.Sectors = []*model.Sector{government, survivor}
	coalition.Categories = []*model.Category{prevention}

	s := &model.Strategy{
		Site: model.Site{
			Title: "Strategy <&> Test", Description: "A test strategy.", BaseURL: Base,
			Categories: []*model.Category{prevention, protection},
			Sectors:    []*model.Sector{government, survivor},
		},
		Objectives:    []*model.Objective{pv1, pv12, pt1},
		Organizations: []*model.Organization{doj, sl},
		Partnerships:  []*model.Partnership{coalition},
		Pages:         []*model.Page{about},
	}
	s.Index()
	return s
}
