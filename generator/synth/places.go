package synth

import "strings"

// state is a US state with a few of its cities and a telephone area code.
type state struct {
	name, abbr, area string
	cities           []string
}

var states = parseStates(`
Alabama AL 205 Birmingham,Montgomery,Mobile,Huntsville
Alaska AK 907 Anchorage,Fairbanks,Juneau
Arizona AZ 602 Phoenix,Tucson,Mesa,Flagstaff,Yuma
Arkansas AR 501 Little Rock,Fayetteville,Fort Smith
California CA 213 Los Angeles,San Diego,San Jose,San Francisco,Fresno,Sacramento,Oakland,Bakersfield,Stockton
Colorado CO 303 Denver,Colorado Springs,Aurora,Fort Collins,Pueblo
Connecticut CT 203 Hartford,New Haven,Bridgeport,Stamford
Delaware DE 302 Wilmington,Dover
Florida FL 305 Miami,Orlando,Tampa,Jacksonville,Fort Myers,Immokalee,Tallahassee
Georgia GA 404 Atlanta,Savannah,Augusta,Macon,Dalton
Hawaii HI 808 Honolulu,Hilo,Kahului
Idaho ID 208 Boise,Twin Falls,Idaho Falls
Illinois IL 312 Chicago,Springfield,Peoria,Rockford,Aurora
Indiana IN 317 Indianapolis,Fort Wayne,Evansville,South Bend
Iowa IA 515 Des Moines,Cedar Rapids,Davenport,Sioux City
Kansas KS 316 Wichita,Kansas City,Topeka,Garden City
Kentucky KY 502 Louisville,Lexington,Bowling Green
Louisiana LA 504 New Orleans,Baton Rouge,Shreveport,Lafayette
Maine ME 207 Portland,Bangor,Lewiston
Maryland MD 410 Baltimore,Annapolis,Frederick,Salisbury
Massachusetts MA 617 Boston,Worcester,Springfield,New Bedford
Michigan MI 313 Detroit,Grand Rapids,Lansing,Flint,Kalamazoo
Minnesota MN 612 Minneapolis,Saint Paul,Duluth,Rochester
Mississippi MS 601 Jackson,Gulfport,Hattiesburg
Missouri MO 314 St. Louis,Kansas City,Springfield,Columbia
Montana MT 406 Billings,Missoula,Great Falls
Nebraska NE 402 Omaha,Lincoln,Grand Island
Nevada NV 702 Las Vegas,Reno,Henderson
New Hampshire NH 603 Manchester,Nashua,Concord
New Jersey NJ 973 Newark,Jersey City,Paterson,Trenton,Atlantic City
New Mexico NM 505 Albuquerque,Santa Fe,Las Cruces
New York NY 212 New York City,Buffalo,Rochester,Albany,Syracuse,Yonkers
North Carolina NC 919 Charlotte,Raleigh,Greensboro,Durham,Wilmington
North Dakota ND 701 Fargo,Bismarck,Williston
Ohio OH 614 Columbus,Cleveland,Cincinnati,Toledo,Akron,Dayton
Oklahoma OK 405 Oklahoma City,Tulsa,Norman
Oregon OR 503 Portland,Salem,Eugene,Medford
Pennsylvania PA 215 Philadelphia,Pittsburgh,Allentown,Erie,Harrisburg
Rhode Island RI 401 Providence,Warwick,Pawtucket
South Carolina SC 803 Columbia,Charleston,Greenville
South Dakota SD 605 Sioux Falls,Rapid City
Tennessee TN 615 Nashville,Memphis,Knoxville,Chattanooga
Texas TX 713 Houston,Dallas,San Antonio,Austin,El Paso,Fort Worth,Laredo,McAllen,Corpus Christi
Utah UT 801 Salt Lake City,Provo,Ogden
Vermont VT 802 Burlington,Montpelier
Virginia VA 804 Richmond,Norfolk,Virginia Beach,Arlington,Roanoke
Washington WA 206 Seattle,Spokane,Tacoma,Yakima,Vancouver
West Virginia WV 304 Charleston,Huntington,Morgantown
Wisconsin WI 414 Milwaukee,Madison,Green Bay
Wyoming WY 307 Cheyenne,Casper
`)

func parseStates(text string) []state {
	var out []state
	for line := range strings.Lines(strings.TrimSpace(text)) {
		f := strings.Fields(line)
		// The name is every field before the two-letter abbreviation.
		i := 1
		for len(f[i]) != 2 || strings.ToUpper(f[i]) != f[i] {
			i++
		}
		rest := strings.Join(f[i+2:], " ")
		out = append(out, state{name: strings.Join(f[:i], " "), abbr: f[i], area: f[i+1], cities: strings.Split(rest, ",")})
	}
	return out
}

// Words for the names of organizations and partnerships.
var (
	counties = strings.Fields(`Adams Allen Baker Benton Boone Butler Carroll Cass Clark Clay Clinton Crawford
		Douglas Franklin Fulton Grant Greene Hamilton Hancock Harrison Henry Jackson Jefferson Johnson Knox
		Lake Lawrence Lee Lincoln Logan Madison Marion Marshall Monroe Montgomery Morgan Polk Putnam Randolph
		Scott Shelby Union Warren Washington Wayne Wilson`)
	havens = strings.Fields(`Harbor Haven Beacon Bridge Lighthouse Anchor Hope Refuge Compass Sanctuary Covenant
		Mercy Grace Restore Freedom Liberty Journey Pathway Cornerstone Rising Willow Cedar Magnolia Sunrise
		Northstar Bluebird Dayspring Kindred Solace Tamarack Juniper Harvest Shelterwood Open-Door New-Dawn
		Safe-Harbor Second-Chance True-North Wellspring Stillwater Riverbend Lantern Morningside Evergreen
		Clearwater Hearth Bright-Path Oasis Phoenix Promise Threshold Unity Vine Welcome`)
	havenKinds = []string{"House", "Home", "Shelter", "Center", "Place", "Project", "Services", "Ministries",
		"Network", "Alliance", "Collective", "Initiative", "Outreach", "Community Services", "Family Services"}
	surnames = strings.Fields(`Abbott Alvarez Bennett Brooks Castillo Chen Coleman Delgado Ellison Fischer Garcia
		Goldberg Hartley Hoffman Ibarra Jensen Kaplan Kim Lambert Lopez Mahoney Medina Nakamura Nguyen Okafor
		Olsen Patel Quinn Ramirez Reyes Rosenberg Sandoval Schwartz Singh Sullivan Tanaka Thornton Vasquez
		Whitaker Yamamoto Zimmerman`)
	saints = strings.Fields(`Anne Brigid Catherine Francis Jerome Joseph Jude Luke Mark Martin Mary Monica
		Patrick Paul Peter Rita Stephen Teresa Vincent`)
	industries = []string{"Seafood", "Poultry", "Apparel", "Hospitality", "Agriculture", "Construction",
		"Electronics", "Trucking", "Home Care", "Cleaning Services", "Landscaping", "Food Processing",
		"Staffing", "Retail", "Cocoa", "Coffee", "Solar Energy", "Fishing"}
	businessKinds = []string{"Logistics", "Hotels", "Farms", "Apparel", "Foods", "Staffing", "Construction",
		"Health Systems", "Bank", "Credit Union", "Airlines", "Freight", "Seafood", "Grocers", "Resorts",
		"Transit", "Packaging", "Outfitters"}
	trades = []string{"Farm Workers", "Domestic Workers", "Hotel and Restaurant Workers", "Building Trades",
		"Service Employees", "Food and Commercial Workers", "Teamsters", "Nurses", "Garment Workers",
		"Fishers", "Home Care Workers", "Warehouse Workers"}
)

// national departments and their offices: the realistic corpus opens
// with them, so that state and local organizations can name a parent.
var departments = []struct {
	name, acronym, sector string
	offices               []string
}{
	{"Department of Labor", "DOL", "government", []string{"Wage and Hour Division", "Bureau of International Labor Affairs", "Occupational Safety and Health Administration"}},
	{"Department of Justice", "DOJ", "government", []string{"Office for Victims of Crime", "Human Trafficking Prosecution Unit", "Bureau of Justice Assistance", "Office on Violence Against Women"}},
	{"Department of Health and Human Services", "HHS", "government", []string{"Office on Trafficking in Persons", "Administration for Children and Families", "Office of Refugee Resettlement"}},
	{"Department of Homeland Security", "DHS", "government", []string{"Center for Countering Human Trafficking", "Blue Campaign", "Homeland Security Investigations", "Customs and Border Protection"}},
	{"Department of State", "DOS", "government", []string{"Office to Monitor and Combat Trafficking in Persons", "Bureau of Consular Affairs"}},
	{"Department of Education", "ED", "government", []string{"Office of Safe and Supportive Schools"}},
	{"Department of Agriculture", "USDA", "government", []string{"Food Safety and Inspection Service"}},
	{"Department of Transportation", "DOT", "government", []string{"Federal Motor Carrier Safety Administration", "Federal Aviation Administration"}},
	{"Department of the Treasury", "", "government", []string{"Financial Crimes Enforcement Network", "Office of Foreign Assets Control"}},
	{"Department of Housing and Urban Development", "HUD", "government", []string{"Office of Special Needs Assistance Programs"}},
	{"Federal Bureau of Investigation", "FBI", "law-enforcement", []string{"Crimes Against Children and Human Trafficking Unit", "Victim Services Division"}},
}

var (
	languages = []string{"Spanish", "Spanish", "Spanish", "Spanish", "Chinese", "Vietnamese", "Tagalog", "Korean",
		"Arabic", "Haitian Creole", "Russian", "Portuguese", "French", "Hindi", "Thai", "Amharic", "Somali",
		"Ukrainian", "K'iche'", "Mam", "Nepali", "Burmese", "Swahili", "Punjabi", "American Sign Language"}
	populations = []string{"Adults", "Youth", "Women", "Men", "Children", "Families", "LGBTQ+ people",
		"Migrant workers", "Foreign nationals", "Domestic workers", "Farmworkers", "Native communities",
		"People with disabilities", "Runaway and homeless youth", "Older adults"}
	hours = []string{"24 hours a day, 7 days a week", "Monday to Friday, 9 am to 5 pm",
		"Monday to Friday, 8:30 am to 6 pm; Saturdays 10 am to 2 pm", "Weekdays, 9 am to 7 pm",
		"By appointment", "Tuesday to Saturday, 10 am to 6 pm"}
	streets = []string{"Main Street", "Oak Avenue", "Market Street", "Washington Boulevard", "Church Street",
		"River Road", "Elm Street", "Broadway", "Park Avenue", "Lincoln Way", "Harbor Drive", "Cedar Lane",
		"Second Street", "Union Avenue", "Mill Road", "Commerce Street"}
)

// services each sector offers, most common first.
var services = map[string][]string{
	"victim-services": {"Case management", "Emergency shelter", "Legal services", "24-hour hotline",
		"Trauma-informed counseling", "Transitional housing", "Immigration legal services", "T-visa applications",
		"Interpretation", "Job training", "Medical advocacy", "Court accompaniment", "Safety planning",
		"Financial literacy", "Family reunification", "Peer support"},
	"government": {"Grants", "Training", "Labor inspections", "Data collection", "Public awareness",
		"Technical assistance", "Victim compensation", "Licensing", "Policy guidance"},
	"law-enforcement": {"Investigations", "Victim-witness coordination", "Training", "Tip line",
		"Financial investigations", "Joint operations", "Prosecution", "Forensic interviews"},
	"advocacy":     {"Public awareness", "Policy advocacy", "Training", "Coalition building", "Research", "Legal advocacy"},
	"faith-based":  {"Volunteer mentoring", "Emergency shelter", "Food and clothing", "Spiritual care", "Transitional housing", "Awareness events"},
	"business":     {"Supplier audits", "Responsible recruitment", "Employee training", "Job placement", "Remediation", "Grievance mechanism"},
	"philanthropy": {"Grants", "General operating support", "Capacity building", "Convening", "Research funding"},
	"survivor-led": {"Peer support", "Survivor leadership training", "Consulting", "Mentoring", "Advocacy", "Economic empowerment"},
	"academia":     {"Research", "Evaluation", "Data analysis", "Training", "Legal clinic", "Prevalence estimates"},
	"healthcare":   {"Screening", "Primary care", "Mental health care", "Emergency care", "Dental care", "Substance use treatment", "Training"},
	"labor":        {"Worker organizing", "Know-your-rights training", "Wage claims", "Recruitment monitoring", "Grievance support"},
	"multilateral": {"Technical assistance", "Repatriation", "Research", "Cross-border referrals", "Policy guidance"},
}
