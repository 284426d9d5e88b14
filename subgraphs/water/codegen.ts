import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

export default subgraphCodegen({
  WaterSource: '../data/water-sources.ts#WaterSourceRow',
  ProtectionZone: '../data/protection-zones.ts#ProtectionZoneRow',
  District: '../data/references.ts#DistrictRef',
  ProtectionZoneSet: '../data/references.ts#ProtectionZoneSetRef',
  Parcel: '../data/references.ts#ParcelRef',
  WaterSourceConnection: '../data/water-sources.ts#WaterSourceConnectionModel',
  ProtectionZoneConnection: '../data/protection-zones.ts#ProtectionZoneConnectionModel',
});
