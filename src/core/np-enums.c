/* np-enums.c: GType registration of the core's enums
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "np-policy-port.h"
#include "np-policy-rule.h"

G_DEFINE_ENUM_TYPE (NpPortKind, np_port_kind,
  G_DEFINE_ENUM_VALUE (NP_PORT_KIND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (NP_PORT_KIND_NUMBER, "number"),
  G_DEFINE_ENUM_VALUE (NP_PORT_KIND_NAME, "name"))

G_DEFINE_ENUM_TYPE (NpDirection, np_direction,
  G_DEFINE_ENUM_VALUE (NP_DIRECTION_INGRESS, "ingress"),
  G_DEFINE_ENUM_VALUE (NP_DIRECTION_EGRESS, "egress"))
