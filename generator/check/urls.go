package check

import (
	"fmt"

	"github.com/commonagenda/agenda/generator/model"
)

// aliases checks that every alias is a path on this site and that no
// entity repeats one. Which page, file or alias gets a URL is the route
// table's to say (package routes), after linking, as it alone knows every
// URL the site makes.
func (c *checker) aliases() {
	for _, e := range c.s.AliasOwners() {
		aliases := model.AliasesOf(e)
		d := e.Document()
		for _, i := range c.unique(d, "aliases", aliases, false) {
			if msg := model.AliasProblem(aliases[i]); msg != "" {
				c.diags.ErrorHint(d.Pos(fmt.Sprintf("aliases.%d", i)), `a path on this site, like "/old-page/"`, "alias %q %s", aliases[i], msg)
			}
		}
	}
}
