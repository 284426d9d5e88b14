import { subgraphCodegen } from '@soilgraph/server-kit/codegen';

export default subgraphCodegen({
  City: '../data/city.ts#CityModel',
  District: '../data/districts.ts#DistrictRow',
  Parcel: '../data/parcels.ts#ParcelRow',
  LandUseChange: '../data/land-use-changes.ts#LandUseChangeRow',
  LandUseShare: '../data/parcels.ts#LandUseShareModel',
  ProtectionZone: '../data/references.ts#ProtectionZoneRef',
  ProtectionZoneSet: '../data/references.ts#ProtectionZoneSetRef',
  DistrictConnection: '../data/districts.ts#DistrictConnectionModel',
  ParcelConnection: '../data/parcels.ts#ParcelConnectionModel',
  LandUseChangeConnection: '../data/land-use-changes.ts#LandUseChangeConnectionModel',
});
