package feeds

import (
	"time"

	"github.com/commonagenda/agenda/generator/model"
	"github.com/commonagenda/agenda/generator/model/modeltest"
)

const base = modeltest.Base

func date(y int, m time.Month, d int) model.Date { return model.NewDate(y, m, d) }

// fixture is modeltest.Strategy: see its doc comment for what it holds.
func fixture() *model.Strategy { return modeltest.Strategy() }
